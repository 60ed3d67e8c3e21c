// The Express application: security headers, logging, actor resolution, the declared routes (each reading
// its own body, if it takes one), and the error shape for everything else.
import compression from 'compression';
import express, { type Express, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { DomainContext } from '../context';
import { PUBLIC, type Actor } from '../policy/actor';
import { SESSION_COOKIE } from '../realtime/socket-server';
import { parse as parseCookie } from 'cookie';
import { toHandler, type AnyRoute } from './define-route';
import { apiNotFound, errorHandler } from './error-handler';
import { jsonBody, jsonOrMultipartBody, refuseEncodedBody } from './json-body';
import type { InFlightRequests } from './in-flight';
import { requestLog } from './request-log';

export interface AppOptions {
  ctx: DomainContext;
  routes: readonly AnyRoute[];
  resolveActor(token: string): Promise<Actor | null>;
  trustProxy: number;
  inFlight: InFlightRequests;
  /** Mounted after the API (e.g. the renderer's static files). */
  extra?: (app: Express) => void;
}

const ACTOR = Symbol('actor');
type WithActor = Response & { [ACTOR]?: Actor };

export function actorOf(res: Response): Actor {
  return (res as WithActor)[ACTOR] ?? PUBLIC;
}

function tokenOf(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header?.toLowerCase().startsWith('bearer ')) return header.slice(7).trim();
  return parseCookie(req.get('cookie') ?? '')[SESSION_COOKIE];
}

export function createApp(options: AppOptions): Express {
  const { ctx } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The renderer loads nothing from outside this origin; map workers run from blob: URLs.
          'default-src': ["'self'"],
          // jsmpeg (the MPEG-1 fallback of the video tiles) compiles its bundled WebAssembly decoder.
          'script-src': ["'self'", "'wasm-unsafe-eval'"],
          'worker-src': ["'self'", 'blob:'],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'media-src': ["'self'", 'blob:'],
        },
      },
    }),
  );
  // The renderer's bundle and JSON lists shrink to about a third; video, images, PDFs and XLSX are left as
  // they are (compression skips types that do not compress).
  app.use(compression());
  app.use('/api', options.inFlight.middleware);
  app.use(requestLog(ctx.log, actorOf));
  app.use('/api', (req, res, next) => {
    const token = tokenOf(req);
    if (!token) return next();
    options.resolveActor(token).then(
      (actor) => {
        if (actor) (res as WithActor)[ACTOR] = actor;
        next();
      },
      (error: unknown) => next(error),
    );
  });

  const env = { ctx, actorOf, ipOf: (req: Request) => req.ip };
  for (const route of options.routes) {
    const readsBody = route.upload
      ? [refuseEncodedBody, ...(route.upload.optional && route.body ? [jsonOrMultipartBody] : [])]
      : route.body
        ? [refuseEncodedBody, jsonBody]
        : [];
    app[route.method](route.path, ...(route.middleware ?? []), ...readsBody, toHandler(route, env));
  }
  app.use('/api', apiNotFound);
  options.extra?.(app);
  app.use(errorHandler(ctx.log));
  return app;
}
