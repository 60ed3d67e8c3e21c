// The renderer's build: one bundle for the Electron windows and for any browser the server serves.
// Everything it needs is inside the bundle (fonts, map style, workers): the command-room network reaches
// nothing else.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export const RENDERER_ROOT = fileURLToPath(new URL('./renderer', import.meta.url));
export const RENDERER_OUT = fileURLToPath(new URL('./dist/renderer', import.meta.url));

export default defineConfig({
  root: RENDERER_ROOT,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: RENDERER_OUT,
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/socket.io': { target: 'ws://127.0.0.1:8080', ws: true },
      '/live': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
