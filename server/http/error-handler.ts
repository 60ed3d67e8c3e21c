// Every error leaves the server in one shape: `{ error: { code, message, details? } }` with the right status.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { DomainError, type ErrorKind } from '../errors';
import type { Logger } from '../logger';

const STATUS: Record<ErrorKind, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const body = (code: string, message: string, details?: unknown): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/** An error of the HTTP layer (body-parser, http-errors): a type and a status meant for the client. */
interface HttpLayerError {
  type?: string;
  status?: number;
  expose?: boolean;
}

const CLIENT_ERROR_CODES: Partial<Record<number, string>> = { 400: 'bad_request', 413: 'payload_too_large', 415: 'unsupported_media_type' };

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof DomainError) {
      if (error.kind === 'rate_limited') {
        const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (retry) res.setHeader('Retry-After', String(retry));
      }
      res.status(STATUS[error.kind]).json(body(error.code, error.message, error.details));
      return;
    }
    if (error instanceof ZodError) {
      const details = error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message }));
      res.status(400).json(body('invalid_input', 'The request is not valid', details));
      return;
    }
    const layerError = error as HttpLayerError;
    switch (layerError.type) {
      case 'entity.parse.failed':
        res.status(400).json(body('malformed_json', 'The request body is not valid JSON'));
        return;
      case 'entity.too.large':
        res.status(413).json(body('payload_too_large', 'The request body is too large'));
        return;
      case 'encoding.unsupported':
      case 'charset.unsupported':
        res.status(415).json(body('unsupported_media_type', 'Unsupported body encoding'));
        return;
      default:
        break;
    }
    // Any other client error the HTTP layer raises (an aborted or mis-sized body, …) is the client's, not ours.
    const status = layerError.status;
    if (layerError.expose && typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json(body(CLIENT_ERROR_CODES[status] ?? 'bad_request', 'The request could not be read'));
      return;
    }
    log.error({ err: error }, 'unhandled error');
    res.status(500).json(body('internal', 'Something went wrong on the server'));
  };
}

export const apiNotFound: RequestHandler = (_req, res) => {
  res.status(404).json(body('not_found', 'No such API endpoint'));
};
