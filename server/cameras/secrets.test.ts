// Camera stream addresses and credentials never reach a viewer: not in any response, event or document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSocket } from '../../tests/support/sockets';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

describe('camera secrets', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('appear in no response for any role, nor in events after an address change', async () => {
    const school = t.dataset.schools[0]!;
    const camera = t.dataset.cameras.find((c) => c.schoolId === school.id)!;
    const password = /admin:([^@]+)@/.exec(camera.streamUrl)![1]!;
    const admin = await t.login('city.admin');
    const socket = new TestSocket(t.url, admin);
    await socket.ready();

    const newUrl = 'rtsp://admin:S3cret-Pass@192.168.1.64:554/Streaming/Channels/101';
    const changed = await t.request('PATCH', `/api/cameras/${camera.id}`, {
      token: admin,
      body: { version: 1, streamUrl: newUrl, isPublic: true },
    });
    expect(changed.status).toBe(200);
    await socket.waitForEvents((events) => events.some((e) => e.type === 'camera.updated'));
    expect(socket.events.find((e) => e.type === 'camera.updated')!.data).toMatchObject({
      streamChanged: true,
      changes: { isPublic: true },
    });

    const tokens = [
      admin,
      await t.login('city.duty'),
      await t.login(`county.${school.countyCode}`),
      await t.login(`school.${school.code}`),
      undefined,
    ];
    const paths = [
      '/api/cameras?pageSize=500',
      `/api/cameras?school=${school.id}`,
      `/api/schools/${school.id}`,
      '/api/schools?pageSize=500',
      '/api/jurisdictions',
      `/api/events?since=0`,
      `/api/public/schools/${school.id}`,
      '/api/openapi.json',
    ];
    for (const token of tokens) {
      for (const path of paths) {
        const response = await t.request('GET', path, { token });
        expect(response.text).not.toMatch(/rtsp:\/\//i);
        expect(response.text).not.toContain(password);
        expect(response.text).not.toContain('S3cret-Pass');
      }
    }
    for (const event of socket.events) expect(JSON.stringify(event)).not.toMatch(/rtsp|S3cret/);
    const audit = await t.db('audit_log').where({ action: 'camera.update' }).select('details');
    expect(JSON.stringify(audit)).not.toMatch(/rtsp|S3cret/);
    expect((await t.db('cameras').where({ id: camera.id }).first('stream_url')).stream_url).toBe(newUrl);
    socket.close();
  });
});
