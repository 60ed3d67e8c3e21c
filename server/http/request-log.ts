// The request log: one line for each answered request, with its method, URL, status and time, never its
// headers (cookies and bearer tokens stay out of the log). The stream relays and detection workers call the
// server every few seconds for every camera; their answered requests are logged at debug, so at the default
// level the log holds what people did, and failures of any caller.
import type { Response } from 'express';
import type { LevelWithSilent } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { Logger } from '../logger';
import type { Actor } from '../policy/actor';

/** The level of a request's line: failures by their gravity, service traffic at debug, the rest at info. */
export function requestLogLevel(statusCode: number, failed: boolean, actor: Actor): LevelWithSilent {
  if (failed || statusCode >= 500) return 'error';
  if (statusCode >= 400) return 'warn';
  return actor.kind === 'service' ? 'debug' : 'info';
}

/** `actorOf` tells who made the request once it is answered (the actor is resolved after this runs). */
export function requestLog(log: Logger, actorOf: (res: Response) => Actor): HttpLogger {
  return pinoHttp({
    logger: log,
    autoLogging: { ignore: (req) => req.url === '/api/health' },
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => requestLogLevel(res.statusCode, Boolean(error), actorOf(res as Response)),
  });
}
