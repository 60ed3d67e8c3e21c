// Without a renderer build (e.g. its build failed at start) the root URL still says what runs and where the
// API is, instead of an error.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { serveRenderer } from './renderer';

describe('serving the renderer', () => {
  it('falls back to the home page that points to the API when no build exists', async () => {
    const app = express();
    serveRenderer(app, '/nonexistent/renderer', '9.9.9');
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain('/api/openapi.json');
      expect(text).toContain('9.9.9');
    } finally {
      server.close();
    }
  });
});
