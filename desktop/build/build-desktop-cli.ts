// `npm run build:desktop`: the renderer and the Electron shell, ready for electron-builder.
import { rm } from 'node:fs/promises';
import { ensureRendererBuilt, RENDERER_DIR } from './renderer-build';
import { buildShell } from './shell-build';

await rm(RENDERER_DIR, { recursive: true, force: true });
await ensureRendererBuilt();
const shell = await buildShell();
console.log(`renderer: ${RENDERER_DIR}\nshell: ${shell.join(', ')}`);
