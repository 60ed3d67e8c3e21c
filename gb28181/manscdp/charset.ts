// MANSCDP bodies come in GB2312 (most devices, often really GBK or GB18030) or UTF-8. The XML declaration
// says which; failing that, the Content-Type charset; failing both, UTF-8.
import iconv from 'iconv-lite';

export type ManscdpEncoding = 'GB2312' | 'UTF-8';

const CHINESE = /^(gb2312|gbk|gb18030|cp936|euc-cn|x-gbk)$/i;

/** The encoding a body declares, normalised for iconv-lite (GB18030 decodes GB2312 and GBK alike). */
export function declaredEncoding(body: Buffer, contentType?: string): string {
  const head = body.subarray(0, 200).toString('latin1');
  const declared = /^\s*(?:\uFEFF)?<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/i.exec(head)?.[1];
  const charset = contentType ? /;\s*charset\s*=\s*"?([A-Za-z0-9._-]+)/i.exec(contentType)?.[1] : undefined;
  const name = declared ?? charset ?? 'utf-8';
  return CHINESE.test(name) ? 'gb18030' : name.toLowerCase();
}

export function decodeText(body: Buffer, encoding: string): string | null {
  if (!iconv.encodingExists(encoding)) return null;
  return iconv.decode(body, encoding);
}

export function encodeText(text: string, encoding: ManscdpEncoding): Buffer {
  return encoding === 'UTF-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gb18030');
}
