// Builds the renderer when its sources changed since the last build, so `npm start` on a fresh clone serves
// the console without a separate build step. The stamp is a hash of everything the bundle is made from; the
// build goes to a fresh folder that replaces the old one only when complete.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const DESKTOP = fileURLToPath(new URL('..', import.meta.url));
const ROOT = join(DESKTOP, '..');
/** Where the build goes; RENDERER_OUT_DIR moves it (e.g. one build per working copy while developing). */
export const RENDERER_DIR = process.env.RENDERER_OUT_DIR ?? join(DESKTOP, 'dist', 'renderer');
const STAMP_FILE = 'build-stamp.txt';
const INPUTS = [join(DESKTOP, 'renderer'), join(DESKTOP, 'vite.config.ts'), join(ROOT, 'package-lock.json')];

async function filesUnder(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => null);
  if (!entries) return [path];
  const nested = await Promise.all(entries.map((entry) => filesUnder(join(path, entry.name))));
  return nested.flat();
}

/** A hash of the renderer's sources, its build config and the locked dependency versions. */
export async function rendererSourceStamp(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await Promise.all(INPUTS.map(filesUnder))).flat().sort();
  for (const file of files) {
    hash.update(relative(ROOT, file));
    hash.update(await readFile(file));
  }
  return hash.digest('hex');
}

export async function isRendererCurrent(stamp?: string): Promise<boolean> {
  const built = await readFile(join(RENDERER_DIR, STAMP_FILE), 'utf8').catch(() => null);
  return built !== null && built === (stamp ?? (await rendererSourceStamp())) && existsSync(join(RENDERER_DIR, 'index.html'));
}

/** Builds the renderer into desktop/dist/renderer unless the build there is current. Returns whether it built. */
export async function ensureRendererBuilt(): Promise<boolean> {
  const stamp = await rendererSourceStamp();
  if (await isRendererCurrent(stamp)) return false;
  const { build } = await import('vite');
  const outDir = `${RENDERER_DIR}.building-${process.pid}`;
  await mkdir(dirname(RENDERER_DIR), { recursive: true });
  await build({ configFile: join(DESKTOP, 'vite.config.ts'), build: { outDir, emptyOutDir: true }, logLevel: 'error' });
  await writeFile(join(outDir, STAMP_FILE), stamp);
  await rm(RENDERER_DIR, { recursive: true, force: true });
  try {
    await rename(outDir, RENDERER_DIR);
  } catch (error) {
    // Another process finished the same build first: theirs serves.
    await rm(outDir, { recursive: true, force: true });
    if (!(await isRendererCurrent(stamp))) throw error;
  }
  return true;
}
