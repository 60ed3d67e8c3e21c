// The structured header values a transaction layer reads and writes: Via (RFC 3261 §20.42 with RFC 3581's
// rport) and name-addr (From, To, Contact), plus the random identifiers a request needs.
import { randomBytes } from 'node:crypto';

export interface Via {
  transport: string;
  host: string;
  port?: number;
  branch?: string;
  received?: string;
  /** `true`: the parameter without a value (asking for the source port to be filled in). */
  rport?: number | true;
  params: Record<string, string>;
}

export interface NameAddr {
  uri: string;
  displayName?: string;
  /** The user part of a sip: URI (a GB/T 28181 id). */
  user?: string;
  /** The host part of a sip: URI (for GB/T 28181 usually the domain, or host:port). */
  host?: string;
  port?: number;
  tag?: string;
  params: Record<string, string>;
}

export class SipHeaderError extends Error {
  override name = 'SipHeaderError';
}

function parseParams(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const part of text.split(';')) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const equals = trimmed.indexOf('=');
    const key = (equals < 0 ? trimmed : trimmed.slice(0, equals)).trim().toLowerCase();
    if (key === '__proto__') continue;
    params[key] = equals < 0 ? '' : trimmed.slice(equals + 1).trim();
  }
  return params;
}

function parsePort(text: string | undefined, what: string): number | undefined {
  if (text === undefined || text === '') return undefined;
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port < 1 || port > 65535) throw new SipHeaderError(`bad port in ${what}: ${text}`);
  return port;
}

/** Splits `host:port` (IPv6 in brackets). */
export function splitHostPort(text: string, what: string): { host: string; port?: number } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(text.trim());
  if (!match) throw new SipHeaderError(`bad host in ${what}: ${JSON.stringify(text.slice(0, 60))}`);
  const port = parsePort(match[2], what);
  return port === undefined ? { host: match[1]! } : { host: match[1]!, port };
}

export function parseVia(value: string): Via {
  const match = /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z]+)\s+([^;\s]+)\s*(;.*)?$/i.exec(value.trim());
  if (!match) throw new SipHeaderError(`bad Via: ${JSON.stringify(value.slice(0, 80))}`);
  const { host, port } = splitHostPort(match[2]!, 'Via');
  const params = parseParams(match[3] ?? '');
  const via: Via = { transport: match[1]!.toUpperCase(), host, params };
  if (port !== undefined) via.port = port;
  if (params.branch) via.branch = params.branch;
  if (params.received) via.received = params.received;
  if ('rport' in params) via.rport = params.rport === '' ? true : (parsePort(params.rport, 'Via rport') ?? true);
  return via;
}

export function formatVia(via: Via): string {
  const params = { ...via.params };
  delete params.branch;
  delete params.received;
  delete params.rport;
  let text = `SIP/2.0/${via.transport} ${via.host}${via.port === undefined ? '' : `:${via.port}`}`;
  if (via.rport !== undefined) text += via.rport === true ? ';rport' : `;rport=${via.rport}`;
  if (via.received !== undefined) text += `;received=${via.received}`;
  if (via.branch !== undefined) text += `;branch=${via.branch}`;
  for (const [key, param] of Object.entries(params)) text += param === '' ? `;${key}` : `;${key}=${param}`;
  return text;
}

/** Parses `"name" <sip:user@host:port;uri-params>;tag=x` or the bare `sip:user@host;tag=x` form. */
export function parseNameAddr(value: string): NameAddr {
  const text = value.trim();
  let uri: string;
  let displayName: string | undefined;
  let rest: string;
  const open = text.indexOf('<');
  if (open >= 0) {
    const close = text.indexOf('>', open);
    if (close < 0) throw new SipHeaderError(`unclosed < in ${JSON.stringify(text.slice(0, 80))}`);
    uri = text.slice(open + 1, close).trim();
    const name = text
      .slice(0, open)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name) displayName = name;
    rest = text.slice(close + 1);
  } else {
    const semicolon = text.indexOf(';');
    uri = semicolon < 0 ? text : text.slice(0, semicolon);
    rest = semicolon < 0 ? '' : text.slice(semicolon);
  }
  if (!uri) throw new SipHeaderError(`no URI in ${JSON.stringify(text.slice(0, 80))}`);
  const params = parseParams(rest);
  const address: NameAddr = { uri, params, ...parseSipUri(uri) };
  if (displayName !== undefined) address.displayName = displayName;
  if (params.tag) address.tag = params.tag;
  return address;
}

/** The user, host and port of a sip:/sips: URI (all undefined for other schemes). */
export function parseSipUri(uri: string): { user?: string; host?: string; port?: number } {
  const match = /^sips?:(?:([^@;?]+)@)?([^;?]+)/i.exec(uri.trim());
  if (!match) return {};
  const { host, port } = splitHostPort(match[2]!, 'URI');
  const parsed: { user?: string; host?: string; port?: number } = { host };
  if (match[1] !== undefined) parsed.user = match[1];
  if (port !== undefined) parsed.port = port;
  return parsed;
}

const randomToken = (bytes: number) => randomBytes(bytes).toString('hex');

/** A Via branch with RFC 3261's magic cookie, so peers match transactions by it. */
export const newBranch = () => `z9hG4bK${randomToken(8)}`;
export const newTag = () => randomToken(6);
export const newCallId = (host: string) => `${randomToken(12)}@${host}`;
