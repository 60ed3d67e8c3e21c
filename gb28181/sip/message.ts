// SIP messages (RFC 3261 §7) as GB/T 28181 devices send them: parsed from one datagram (or one framed TCP
// message) into lower-case header names with the compact forms expanded, and serialized back with the
// Content-Length written from the body. Sizes are bounded so a hostile peer cannot make us hold much.

export type SipHeaders = [name: string, value: string][];

export interface SipRequest {
  kind: 'request';
  method: string;
  uri: string;
  headers: SipHeaders;
  body: Buffer;
}

export interface SipResponse {
  kind: 'response';
  status: number;
  reason: string;
  headers: SipHeaders;
  body: Buffer;
}

export type SipMessage = SipRequest | SipResponse;

export class SipParseError extends Error {
  override name = 'SipParseError';
}

export const MAX_SIP_MESSAGE_BYTES = 64 * 1024;
export const MAX_SIP_HEADERS = 100;

const COMPACT_FORMS: Record<string, string> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
  e: 'content-encoding',
  k: 'supported',
  s: 'subject',
};

// How header names are written on the wire; anything else is capitalized per dash-separated word.
const WIRE_NAMES: Record<string, string> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
};

const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/;
const SIP_VERSION = 'SIP/2.0';
// A stray CR or NUL inside a line would otherwise end up in a value we write back out.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

/** Splits a header value on commas that are outside quoted strings and angle brackets (multi-value Via). */
export function splitHeaderValues(value: string): string[] {
  const values: string[] = [];
  let quoted = false;
  let angle = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '"' && value[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && char === '<') angle = true;
    else if (!quoted && char === '>') angle = false;
    else if (char === ',' && !quoted && !angle) {
      values.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  values.push(value.slice(start).trim());
  return values.filter((part) => part !== '');
}

// Headers that may carry several comma-separated values; each becomes its own entry so transactions see every hop.
const MULTI_VALUE = new Set(['via', 'route', 'record-route']);

function headerEnd(bytes: Buffer): { end: number; separator: number } | null {
  const crlf = bytes.indexOf('\r\n\r\n');
  if (crlf >= 0) return { end: crlf, separator: 4 };
  const lf = bytes.indexOf('\n\n');
  return lf >= 0 ? { end: lf, separator: 2 } : null;
}

function parseStartLine(line: string): Pick<SipRequest, 'method' | 'uri'> | Pick<SipResponse, 'status' | 'reason'> {
  if (line.startsWith(`${SIP_VERSION} `)) {
    const match = /^SIP\/2\.0 ([1-6]\d\d)(?: (.*))?$/.exec(line);
    if (!match) throw new SipParseError(`bad status line: ${JSON.stringify(line.slice(0, 80))}`);
    return { status: Number(match[1]), reason: match[2] ?? '' };
  }
  const match = /^([A-Za-z0-9.!%*_+`'~-]+) (\S+) SIP\/2\.0$/.exec(line);
  if (!match) throw new SipParseError(`bad request line: ${JSON.stringify(line.slice(0, 80))}`);
  return { method: match[1]!.toUpperCase(), uri: match[2]! };
}

/** Parses the header block (start line excluded) into lower-case names, compact forms expanded, folded lines joined. */
function parseHeaderLines(lines: string[]): SipHeaders {
  const headers: SipHeaders = [];
  for (const line of lines) {
    if (line === '') continue;
    if (CONTROL.test(line)) throw new SipParseError(`a control character in header line ${JSON.stringify(line.slice(0, 80))}`);
    if (line[0] === ' ' || line[0] === '\t') {
      const last = headers.at(-1);
      if (!last) throw new SipParseError('a continuation line before any header');
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new SipParseError(`bad header line: ${JSON.stringify(line.slice(0, 80))}`);
    const rawName = line.slice(0, colon).trim();
    if (!TOKEN.test(rawName)) throw new SipParseError(`bad header name: ${JSON.stringify(rawName.slice(0, 40))}`);
    const lower = rawName.toLowerCase();
    const name = COMPACT_FORMS[lower] ?? lower;
    const value = line.slice(colon + 1).trim();
    if (MULTI_VALUE.has(name)) for (const part of splitHeaderValues(value)) headers.push([name, part]);
    else headers.push([name, value]);
    if (headers.length > MAX_SIP_HEADERS) throw new SipParseError(`more than ${MAX_SIP_HEADERS} headers`);
  }
  return headers;
}

/** The Content-Length a header block declares, or undefined; throws on a malformed or oversized one. */
export function declaredContentLength(headers: SipHeaders): number | undefined {
  const value = headers.find(([name]) => name === 'content-length')?.[1];
  if (value === undefined) return undefined;
  if (!/^\d{1,6}$/.test(value)) throw new SipParseError(`bad Content-Length: ${JSON.stringify(value.slice(0, 20))}`);
  const length = Number(value);
  if (length > MAX_SIP_MESSAGE_BYTES) throw new SipParseError(`Content-Length ${length} is over ${MAX_SIP_MESSAGE_BYTES}`);
  return length;
}

/** Parses the head (start line and headers) of a message; exported for the stream framer. */
export function parseSipHead(head: string): { start: ReturnType<typeof parseStartLine>; headers: SipHeaders } {
  const lines = head.split(/\r?\n/);
  const start = parseStartLine(lines[0] ?? '');
  const headers = parseHeaderLines(lines.slice(1));
  return { start, headers };
}

/** Parses one SIP message; throws SipParseError on anything malformed or over the size bounds. */
export function parseSipMessage(datagram: Buffer): SipMessage {
  if (datagram.length > MAX_SIP_MESSAGE_BYTES) throw new SipParseError(`message over ${MAX_SIP_MESSAGE_BYTES} bytes`);
  // A message that ends right after its headers (no blank line) is still complete when it has no body.
  const boundary = headerEnd(datagram) ?? { end: datagram.length, separator: 0 };
  const head = datagram.subarray(0, boundary.end).toString('utf8');
  const { start, headers } = parseSipHead(head.replace(/^(\r?\n)+/, ''));
  const rest = datagram.subarray(Math.min(datagram.length, boundary.end + boundary.separator));
  const length = declaredContentLength(headers);
  if (length !== undefined && length > rest.length) {
    throw new SipParseError(`body shorter (${rest.length} bytes) than its Content-Length (${length})`);
  }
  // RFC 3261 §18.3: bytes past the Content-Length in a datagram are discarded.
  const body = Buffer.from(length === undefined ? rest : rest.subarray(0, length));
  return 'method' in start
    ? { kind: 'request', method: start.method, uri: start.uri, headers, body }
    : { kind: 'response', status: start.status, reason: start.reason, headers, body };
}

function wireName(name: string): string {
  return WIRE_NAMES[name] ?? name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

/** Writes a message; Content-Length always follows the body (any given one is dropped). */
export function serializeSipMessage(message: SipMessage): Buffer {
  const startLine =
    message.kind === 'request' ? `${message.method} ${message.uri} ${SIP_VERSION}` : `${SIP_VERSION} ${message.status} ${message.reason}`;
  const lines = [startLine];
  for (const [name, value] of message.headers) {
    if (name === 'content-length') continue;
    if (/[\r\n]/.test(value)) throw new Error(`header ${name} holds a line break`);
    lines.push(`${wireName(name)}: ${value}`);
  }
  lines.push(`Content-Length: ${message.body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), message.body]);
}

/** The first value of a header (name case-insensitive, compact form accepted). */
export function header(message: SipMessage, name: string): string | undefined {
  const lower = name.toLowerCase();
  const wanted = COMPACT_FORMS[lower] ?? lower;
  return message.headers.find(([key]) => key === wanted)?.[1];
}

/** Every value of a header, in order. */
export function headers(message: SipMessage, name: string): string[] {
  const lower = name.toLowerCase();
  const wanted = COMPACT_FORMS[lower] ?? lower;
  return message.headers.filter(([key]) => key === wanted).map(([, value]) => value);
}

/** CSeq split into its number and method; throws SipParseError when it is missing or malformed. */
export function parseCSeq(message: SipMessage): { sequence: number; method: string } {
  const value = header(message, 'cseq');
  const match = value === undefined ? null : /^(\d{1,10})\s+([A-Za-z]+)$/.exec(value);
  if (!match) throw new SipParseError(`bad or missing CSeq: ${JSON.stringify(value ?? null)}`);
  return { sequence: Number(match[1]), method: match[2]!.toUpperCase() };
}
