// Reading a route's JSON body. Only routes that declare a body read one, so a stray body on any other request is
// never parsed. A body must be JSON, uncompressed (no client of ours compresses what it sends, and a
// decompressor is one more thing a stranger could feed), and at most JSON_BODY_LIMIT.
import express, { type Request, type RequestHandler } from 'express';
import { DomainError } from '../errors';

export const JSON_BODY_LIMIT = '1mb';

const parseJson = express.json({ limit: JSON_BODY_LIMIT, strict: true, inflate: false });

/** As body-parser tells it: a request has a body when it says how long it is or that it is chunked. */
const hasBody = (req: Request) => req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;

const unsupported = (message: string) => new DomainError('unsupported_media_type', 'unsupported_media_type', message);

/** Refuses a compressed body (415) on any route that reads one, JSON or multipart. */
export const refuseEncodedBody: RequestHandler = (req, _res, next) => {
  const encoding = (req.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (hasBody(req) && encoding !== 'identity') return next(unsupported('Send the body uncompressed (no Content-Encoding)'));
  next();
};

/** Parses a JSON body; a body of another type is refused (415), no body at all reads as `{}` downstream. */
export const jsonBody: RequestHandler = (req, res, next) => {
  if (hasBody(req) && !req.is(['application/json', 'application/*+json'])) {
    return next(unsupported('Send the body as application/json'));
  }
  parseJson(req, res, next);
};

/** For a route whose file is optional: multipart (read by the upload step) or JSON. */
export const jsonOrMultipartBody: RequestHandler = (req, res, next) => {
  if (req.is('multipart/form-data')) return next();
  jsonBody(req, res, next);
};
