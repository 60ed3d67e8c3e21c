// Bundles the Electron main process and preload into CommonJS files (desktop/dist/main.cjs, preload.cjs), the
// form Electron loads and electron-builder packs. `electron` and Node's built-ins stay outside the bundle.
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const DESKTOP = fileURLToPath(new URL('..', import.meta.url));
export const SHELL_OUT = join(DESKTOP, 'dist');

const external = ['electron', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export async function buildShell(outDir: string = SHELL_OUT): Promise<string[]> {
  const entries = { main: 'main/electron-main.ts', preload: 'main/electron-preload.ts' } as const;
  const outputs: string[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    await build({
      configFile: false,
      root: DESKTOP,
      logLevel: 'error',
      build: {
        ssr: join(DESKTOP, entry),
        outDir,
        emptyOutDir: false,
        target: 'node22',
        minify: false,
        sourcemap: false,
        rollupOptions: { external, output: { format: 'cjs', entryFileNames: `${name}.cjs` } },
      },
      ssr: { noExternal: true, target: 'node' },
    });
    outputs.push(join(outDir, `${name}.cjs`));
  }
  return outputs;
}
