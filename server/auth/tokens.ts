// Bearer tokens: random, shown once, stored only as a SHA-256 hash. The prefix says what kind of token it is.
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_TOKEN_PREFIX = 'ccs_';
export const SERVICE_TOKEN_PREFIX = 'ccsvc_';

export function newToken(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
