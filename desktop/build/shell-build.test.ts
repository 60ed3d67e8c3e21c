// The packed shell is what Electron loads: CommonJS files that need nothing but `electron` and Node's own
// modules (electron-builder ships no node_modules with it), and a preload that exposes only the bridge.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { compileFunction } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildShell } from './shell-build';

describe('the desktop shell build', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('bundles main.cjs and preload.cjs that require only electron and Node built-ins', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cc-shell-'));
    const [main, preload] = await buildShell(dir);
    const allowed = new Set(['electron', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    for (const file of [main!, preload!]) {
      const source = await readFile(file, 'utf8');
      const required = [...source.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]!);
      expect(required.filter((name) => !allowed.has(name))).toEqual([]);
    }
  });

  it('the bundled preload gives the page only { shell, view }', async () => {
    const exposed: Record<string, unknown> = {};
    const fakeElectron = { contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) } };
    const source = await readFile(path.join(dir, 'preload.cjs'), 'utf8');
    const requireFrom = createRequire(path.join(dir, 'preload.cjs'));
    const argv = process.argv;
    process.argv = [...argv, '--canteen-view=wall'];
    try {
      compileFunction(source, ['require', 'module', 'exports'])(
        (name: string) => (name === 'electron' ? fakeElectron : requireFrom(name)),
        { exports: {} },
        {},
      );
    } finally {
      process.argv = argv;
    }
    expect(exposed).toEqual({ canteenDesktop: { shell: 'electron', view: 'wall' } });
  });
});
