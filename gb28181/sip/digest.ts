// HTTP Digest authentication for SIP REGISTER (RFC 2617 / RFC 3261 §22.4), MD5 as GB/T 28181 devices use it.
// The server keeps only HA1 = MD5(username:realm:password). Nonces are stateless: a timestamp and random bytes
// signed with a per-process key, so a nonce can be checked for forgery and staleness without remembering it
// (with 16,800 devices re-registering, a nonce table would be a memory and a cleanup job of its own).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

const PROCESS_NONCE_KEY = randomBytes(32);
/** How long a nonce is good for by default; after that a correct answer is `stale` and the device retries. */
export const DEFAULT_NONCE_MAX_AGE_MS = 5 * 60_000;

export function digestHa1(username: string, realm: string, password: string): string {
  return md5(`${username}:${realm}:${password}`);
}

function signNonce(body: string, key: Buffer): string {
  return createHmac('sha256', key).update(body).digest('hex').slice(0, 32);
}

/** A nonce: issue time in hex, 8 random bytes, and an HMAC over both. */
export function makeNonce(options: { now?: number; key?: Buffer } = {}): string {
  const body = `${(options.now ?? Date.now()).toString(16)}${randomBytes(8).toString('hex')}`;
  return `${body}${signNonce(body, options.key ?? PROCESS_NONCE_KEY)}`;
}

/** Whether the nonce is ours and how old it is; `null` for a forged, foreign or garbled nonce. */
export function nonceAgeMs(nonce: string, options: { now?: number; key?: Buffer } = {}): number | null {
  const match = /^([0-9a-f]{1,13})([0-9a-f]{16})([0-9a-f]{32})$/.exec(nonce);
  if (!match) return null;
  const body = `${match[1]}${match[2]}`;
  const expected = Buffer.from(signNonce(body, options.key ?? PROCESS_NONCE_KEY));
  if (!timingSafeEqual(expected, Buffer.from(match[3]!))) return null;
  return (options.now ?? Date.now()) - parseInt(match[1]!, 16);
}

/** A WWW-Authenticate value; `stale=true` tells a device its password was right and only the nonce expired. */
export function digestChallenge(realm: string, options: { stale?: boolean; qop?: boolean; now?: number; key?: Buffer } = {}): string {
  const parts = [`Digest realm="${realm}"`, `nonce="${makeNonce(options)}"`, 'algorithm=MD5'];
  if (options.qop) parts.push('qop="auth"');
  if (options.stale) parts.push('stale=true');
  return parts.join(', ');
}

/** The parameters of a Digest challenge or Authorization header; null when it is not Digest. */
export function parseDigest(value: string): Record<string, string> | null {
  const match = /^\s*Digest\s+(.*)$/is.exec(value);
  if (!match) return null;
  const params: Record<string, string> = {};
  const pattern = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*(?:,|$)/gy;
  const text = match[1]!;
  let part: RegExpExecArray | null;
  while (pattern.lastIndex < text.length && (part = pattern.exec(text))) {
    const key = part[1]!.toLowerCase();
    if (key === '__proto__') continue;
    params[key] = part[2] !== undefined ? part[2].replace(/\\(.)/g, '$1') : (part[3] ?? '');
  }
  return Object.keys(params).length > 0 ? params : null;
}

function expectedResponse(params: Record<string, string>, ha1: string, method: string): string {
  const ha2 = md5(`${method}:${params.uri ?? ''}`);
  return params.qop
    ? md5(`${ha1}:${params.nonce}:${params.nc ?? ''}:${params.cnonce ?? ''}:${params.qop}:${ha2}`)
    : md5(`${ha1}:${params.nonce}:${ha2}`);
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Checks an Authorization header against the stored HA1. `stale`: the answer is right but the nonce is old or
 * not ours (issued before a restart), so the device should simply retry with a fresh challenge.
 */
export function verifyDigest(
  authorization: string,
  expect: { method: string; ha1: string; realm: string; nonceMaxAgeMs?: number; now?: number; key?: Buffer },
): 'ok' | 'stale' | 'wrong' {
  const params = parseDigest(authorization);
  if (!params?.response || !params.nonce || params.realm !== expect.realm) return 'wrong';
  if (params.algorithm && params.algorithm.toUpperCase() !== 'MD5') return 'wrong';
  if (params.qop && params.qop !== 'auth') return 'wrong';
  if (!sameText(params.response.toLowerCase(), expectedResponse(params, expect.ha1.toLowerCase(), expect.method))) return 'wrong';
  const age = nonceAgeMs(params.nonce, expect);
  const maxAge = expect.nonceMaxAgeMs ?? DEFAULT_NONCE_MAX_AGE_MS;
  return age === null || age < -60_000 || age > maxAge ? 'stale' : 'ok';
}

const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

/** The Authorization value a client sends in answer to a challenge (qop=auth when the server offers it). */
export function answerDigest(challenge: string, user: { username: string; password: string; method: string; uri: string }): string {
  const params = parseDigest(challenge);
  if (!params?.realm || !params.nonce) throw new Error(`not a Digest challenge: ${challenge.slice(0, 80)}`);
  const ha1 = digestHa1(user.username, params.realm, user.password);
  const offersAuth = params.qop?.split(',').some((qop) => qop.trim() === 'auth') ?? false;
  const answer: Record<string, string> = { username: user.username, realm: params.realm, nonce: params.nonce, uri: user.uri };
  if (offersAuth) Object.assign(answer, { qop: 'auth', nc: '00000001', cnonce: randomBytes(8).toString('hex') });
  answer.response = expectedResponse(answer, ha1, user.method);
  const parts = Object.entries(answer).map(([key, value]) =>
    key === 'qop' || key === 'nc' ? `${key}=${value}` : `${key}=${quote(value)}`,
  );
  parts.push('algorithm=MD5');
  if (params.opaque !== undefined) parts.push(`opaque=${quote(params.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}
