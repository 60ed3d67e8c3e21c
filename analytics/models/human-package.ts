// Where the installed @vladmandic/human lives. Its "exports" map hides package.json from require.resolve,
// so resolve the package's entry point and walk up to the directory holding its package.json.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const HUMAN_PACKAGE = '@vladmandic/human';

export function humanPackageDir(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve(HUMAN_PACKAGE));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === HUMAN_PACKAGE) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the directory of ${HUMAN_PACKAGE}`);
    dir = parent;
  }
}

export function humanPackageVersion(): string {
  return (JSON.parse(readFileSync(path.join(humanPackageDir(), 'package.json'), 'utf8')) as { version: string }).version;
}
