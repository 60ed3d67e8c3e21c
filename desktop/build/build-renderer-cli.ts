// `npm run build:renderer`: builds the renderer now (whether or not the last build is current).
import { rm } from 'node:fs/promises';
import { RENDERER_DIR, ensureRendererBuilt } from './renderer-build';

const started = Date.now();
await rm(RENDERER_DIR, { recursive: true, force: true });
await ensureRendererBuilt();
console.log(`renderer built into ${RENDERER_DIR} in ${Date.now() - started} ms`);
