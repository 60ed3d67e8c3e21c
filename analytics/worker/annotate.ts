// The annotated snapshot of a violation: the frame with each box drawn and labelled, and a caption naming the
// category and the time, composited with sharp from an SVG overlay. Text is Latin (label, score, English
// category name): the Chinese name travels in the alert itself, and a worker host may have no CJK font.
import sharp from 'sharp';
import type { FiringBox } from '../rules/engine';

export interface AnnotateOptions {
  /** Shown top left, e.g. "Person after hours". */
  readonly caption: string;
  /** When the frame was captured (shown in Asia/Shanghai time). */
  readonly at: number;
}

const COLOURS: Record<string, string> = { person: '#ff3b30', 'cell phone': '#ffcc00', dog: '#ff9500', cat: '#ff9500' };
const DEFAULT_COLOUR = '#ff2d55';

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** Asia/Shanghai wall-clock time of an instant, 'YYYY-MM-DD HH:MM:SS'. */
export function shanghaiStamp(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function overlaySvg(width: number, height: number, boxes: readonly FiringBox[], options: AnnotateOptions): string {
  const stroke = Math.max(2, Math.round(Math.min(width, height) / 180));
  const font = Math.max(12, Math.round(height / 36));
  const parts: string[] = [];
  for (const { label, score, box } of boxes) {
    const colour = COLOURS[label] ?? DEFAULT_COLOUR;
    const [x1, y1, x2, y2] = box.map((value) => Math.round(value)) as [number, number, number, number];
    const text = `${label} ${score.toFixed(2)}`;
    const textWidth = Math.round(text.length * font * 0.6 + font * 0.6);
    const tagY = y1 - font - 6 >= 0 ? y1 - font - 6 : y1;
    parts.push(
      `<rect x="${x1}" y="${y1}" width="${Math.max(1, x2 - x1)}" height="${Math.max(1, y2 - y1)}" fill="none" stroke="${colour}" stroke-width="${stroke}"/>`,
      `<rect x="${x1}" y="${tagY}" width="${textWidth}" height="${font + 6}" fill="${colour}"/>`,
      `<text x="${x1 + Math.round(font * 0.3)}" y="${tagY + font}" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-size="${font}" fill="#000">${escapeXml(text)}</text>`,
    );
  }
  const caption = `${options.caption}  ${shanghaiStamp(options.at)} +08:00`;
  const captionWidth = Math.round(caption.length * font * 0.6 + font);
  parts.push(
    `<rect x="0" y="${height - font - 12}" width="${Math.min(width, captionWidth)}" height="${font + 12}" fill="#000" fill-opacity="0.6"/>`,
    `<text x="${Math.round(font / 2)}" y="${height - 9}" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-size="${font}" fill="#fff">${escapeXml(caption)}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** The frame (JPEG) with the boxes drawn, as a JPEG of the same size. */
export async function annotateFrame(jpeg: Uint8Array, boxes: readonly FiringBox[], options: AnnotateOptions): Promise<Buffer> {
  const image = sharp(jpeg, { failOn: 'error' });
  const { width, height } = await image.metadata();
  if (!width || !height) throw new Error('the frame has no size');
  return image
    .composite([{ input: Buffer.from(overlaySvg(width, height, boxes, options)), top: 0, left: 0 }])
    .jpeg({ quality: 85 })
    .toBuffer();
}
