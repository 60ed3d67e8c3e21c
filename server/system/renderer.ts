// Serves the built renderer (desktop/dist/renderer): hashed assets cached for good, index.html never, so a
// screen that reloads after an upgrade gets the new build. Until a build exists, the home page says what runs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { serveHome } from './home';

export function serveRenderer(app: Express, dir: string, version: string): void {
  // An asset of another build (a screen that has not reloaded since an upgrade) is gone: say so plainly.
  const gone = (res: Response) => res.status(404).type('text/plain').send('Not found');
  app.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }), (_req, res) => gone(res));
  app.use('/assets', (error: { status?: number }, _req: Request, res: Response, next: NextFunction) =>
    error.status === 404 ? gone(res) : next(error),
  );
  app.get('/', (req, res, next) => {
    if (!existsSync(join(dir, 'index.html'))) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(dir, 'index.html'));
  });
  serveHome(app, version);
}
