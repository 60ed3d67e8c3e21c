// Domain errors: thrown by commands, queries and the policy module, and turned into the error shape of
// DESIGN.md by the HTTP layer. They name what went wrong, not how it travels.
export type ErrorKind =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Stable machine-readable code, e.g. `invalid_credentials`; the UI translates it. */
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what = 'record', details?: unknown) => new DomainError('not_found', 'not_found', `No such ${what}`, details);
export const forbidden = (message = 'Your role may not do this') => new DomainError('forbidden', 'forbidden', message);
export const unauthenticated = (message = 'Login required') => new DomainError('unauthenticated', 'unauthenticated', message);
export const conflict = (code: string, message: string, details?: unknown) => new DomainError('conflict', code, message, details);
export const invalidInput = (message: string, details?: unknown) => new DomainError('invalid_input', 'invalid_input', message, details);
