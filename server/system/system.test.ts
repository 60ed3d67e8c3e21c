import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

describe('health and the OpenAPI document', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports health without login, naming the database', async () => {
    const response = await t.request('GET', '/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', db: process.env.DATABASE_URL ? 'postgres' : 'pglite', version: expect.any(String) });
  });

  it('serves the console at the root URL, never cached, with its hashed assets cached for good and sent compressed', async () => {
    const response = await t.request('GET', '/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.text).toContain('明厨亮灶指挥调度平台');
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(response.text)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${t.url}/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // Sent compressed to a browser that accepts it (a command room's kiosks may sit behind a thin line).
    const compressed = await fetch(`${t.url}/${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    expect(await compressed.text()).toBe(await asset.text());
    expect((await fetch(`${t.url}/assets/nothing-here.js`)).status).toBe(404);
  });

  it('shows the audit log to a city administrator, within their jurisdiction only', async () => {
    const admin = await t.login('city.admin');
    await t.login('county.130822');
    const audit = await t.request('GET', '/api/audit?action=auth.login', { token: admin });
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: { actorName: string }) => e.actorName)).toEqual(
      expect.arrayContaining(['city.admin', 'county.130822']),
    );
    expect(audit.body.items.every((e: { action: string }) => e.action.startsWith('auth.login'))).toBe(true);
    const county = await t.login('county.130822');
    expect((await t.request('GET', '/api/audit', { token: county })).status).toBe(403);
  });

  it('serves an OpenAPI 3.1 document describing every route with its action', async () => {
    const response = await t.request('GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.body;
    expect(doc.openapi).toBe('3.1.0');
    for (const [path, method] of <Array<[string, string]>>[
      ['/api/auth/login', 'post'],
      ['/api/auth/logout', 'post'],
      ['/api/health', 'get'],
      ['/api/jurisdictions', 'get'],
      ['/api/schools', 'get'],
      ['/api/schools/{id}', 'get'],
      ['/api/schools/{id}', 'patch'],
      ['/api/cameras', 'get'],
      ['/api/cameras/{id}', 'patch'],
      ['/api/events', 'get'],
      ['/api/public/schools/{id}', 'get'],
    ]) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation['x-action']).toEqual(expect.any(String));
    }
    const schoolsParams = doc.paths['/api/schools'].get.parameters.map((p: { name: string }) => p.name);
    expect(schoolsParams).toEqual(expect.arrayContaining(['county', 'type', 'q', 'page', 'pageSize']));
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema).toBeDefined();
    expect(doc.components.schemas.Error).toBeDefined();
  });
});
