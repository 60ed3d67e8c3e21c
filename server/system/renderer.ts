// Serves the built renderer (desktop/dist/renderer): hashed assets cached for good, index.html never, so a
// screen that reloads after an upgrade gets the new build. Until a build exists, the home page says what runs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { serveHome } from './home';

export function serveRenderer(app: Express, dir: string, version: string): void {
  app.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  app.get('/', (req, res, next) => {
    if (!existsSync(join(dir, 'index.html'))) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(dir, 'index.html'));
  });
  serveHome(app, version);
}
