// The server's side of video: relays register and receive only their cameras (with addresses, which only
// they ever see), camera health reports become status, events and fault alerts, and viewers get tickets
// only for cameras in their scope, on the server's own origin.
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRelayToken } from '../../../stream-relay/protocol';
import { settleSockets } from '../../../tests/support/settings';
import { TestSocket } from '../../../tests/support/sockets';
import { startTestServer, type TestServer } from '../../../tests/support/test-server';
import { createServiceToken } from '../../auth/commands/createServiceToken';
import { systemActor } from '../../policy/actor';
import { relaySigningKey } from '../../relays/signing-key';

const XINGLONG = '130822';
const LUANPING = '130824';

describe('video on the server', () => {
  let t: TestServer;
  let relay: string;
  let analytics: string;
  let xinglongRelay: string;
  const system = { actor: systemActor('test') };

  beforeAll(async () => {
    t = await startTestServer({ canteens: 60 });
    relay = (await createServiceToken(t.server.ctx, system, { name: 'relay-1', kind: 'relay' })).token;
    xinglongRelay = (await createServiceToken(t.server.ctx, system, { name: 'relay-xl', kind: 'relay', scopeCode: XINGLONG })).token;
    analytics = (await createServiceToken(t.server.ctx, system, { name: 'analytics-1', kind: 'analytics' })).token;
    // The demo seeds cameras unconnected; connect every camera for these tests.
    await t.db('cameras').update({ ingest: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  const cameraIn = (county: string) => {
    const school = t.dataset.schools.find((s) => s.countyCode === county)!;
    return { school, camera: t.dataset.cameras.find((c) => c.schoolId === school.id)! };
  };
  const heartbeat = (token: string, relayId: string, url = `http://127.0.0.1:1/${relayId}`) =>
    t.request<{ cameras: Array<{ id: string; url: string; codec: string }>; signingKey: string; heartbeatSeconds: number }>(
      'POST',
      '/api/relays/heartbeat',
      { token, body: { relayId, url: url.replace(/\/[^/]*$/, ''), cameras: [] } },
    );

  it('hands each relay its share of the cameras in its jurisdiction, and a leaving relay’s share to the rest', async () => {
    const first = await heartbeat(relay, 'relay-a');
    expect(first.status).toBe(200);
    expect(first.body.cameras).toHaveLength(t.dataset.cameras.length);
    expect(first.body.cameras[0]!.url).toMatch(/^rtsp:\/\//);
    expect(first.body.signingKey).toBe(relaySigningKey(t.server.ctx.signingSecret));

    // A second relay joins: the cameras split between the two, each camera to exactly one.
    await heartbeat(relay, 'relay-b');
    const a = (await heartbeat(relay, 'relay-a')).body.cameras.map((c) => c.id);
    const b = (await heartbeat(relay, 'relay-b')).body.cameras.map((c) => c.id);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(new Set([...a, ...b]).size).toBe(t.dataset.cameras.length);
    expect(a.filter((id) => b.includes(id))).toEqual([]);

    // A relay bound to 兴隆县 gets only 兴隆县 cameras, never another county's.
    const xl = (await heartbeat(xinglongRelay, 'relay-xl')).body.cameras;
    const xlIds = new Set(t.dataset.cameras.filter((c) => c.scopePath.includes(`/${XINGLONG}/`)).map((c) => c.id));
    expect(xl.length).toBeGreaterThan(0);
    expect(xl.every((c) => xlIds.has(c.id))).toBe(true);

    // relay-b stops: after three missed heartbeats relay-a has everything outside 兴隆县 again.
    t.clock.advance(16_000);
    await heartbeat(xinglongRelay, 'relay-xl');
    const after = (await heartbeat(relay, 'relay-a')).body.cameras.map((c) => c.id);
    const outsideXl = t.dataset.cameras.filter((c) => !xlIds.has(c.id)).map((c) => c.id);
    expect(after).toEqual(expect.arrayContaining(outsideXl));
  });

  it('refuses the heartbeat to anyone but a relay, and bad input with the error shape', async () => {
    expect((await heartbeat(analytics, 'x')).status).toBe(403);
    expect((await heartbeat(await t.login('city.admin'), 'x')).status).toBe(403);
    expect((await t.request('POST', '/api/relays/heartbeat', { body: { relayId: 'x', url: 'http://a' } })).status).toBe(401);
    const bad = await t.request('POST', '/api/relays/heartbeat', { token: relay, body: { relayId: 'Bad Id!', url: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_input' } });
  });

  it('turns a fault report into status, an event in scope and one camera alert; ignores stale reports', async () => {
    const { school, camera } = cameraIn(XINGLONG);
    const county = await t.login(`county.${XINGLONG}`);
    const other = await t.login(`county.${LUANPING}`);
    const mine = new TestSocket(t.url, county);
    const foreign = new TestSocket(t.url, other);
    await Promise.all([mine.ready(), foreign.ready()]);

    const at = new Date(t.clock.now().getTime() - 1000).toISOString();
    const report = (status: string, observedAt: string) =>
      t.request('POST', `/api/cameras/${camera.id}/status`, { token: relay, body: { status, observedAt, detail: { reason: 'test' } } });
    const offline = await report('offline', at);
    expect(offline.status).toBe(200);
    expect(offline.body).toMatchObject({ outcome: 'changed', alertId: expect.any(String) });
    // The same report again (a retry) changes nothing and raises nothing new.
    expect((await report('offline', at)).body).toMatchObject({ outcome: 'unchanged', alertId: null });
    // A report observed before the one in force is stale.
    expect((await report('online', new Date(Date.parse(at) - 60_000).toISOString())).body).toMatchObject({ outcome: 'stale' });

    await mine.waitForEvents((events) => events.some((e) => e.type === 'camera.status_changed'));
    expect(mine.events.find((e) => e.type === 'camera.status_changed')!.data).toMatchObject({ status: 'offline' });
    await settleSockets(t, await t.login('city.admin'), [foreign]);
    expect(foreign.events.filter((e) => e.subject?.id === camera.id)).toEqual([]);

    const listed = await t.request<{ items: Array<{ id: string; status: string; connected: boolean }> }>(
      'GET',
      `/api/cameras?school=${school.id}`,
      { token: county },
    );
    expect(listed.body.items.find((c) => c.id === camera.id)).toMatchObject({ status: 'offline', connected: true });
    const alerts = await t.request<{ items: Array<{ category: string; source: string }> }>(
      'GET',
      `/api/alerts?source=camera&school=${school.id}`,
      { token: county },
    );
    expect(alerts.body.items.filter((a) => a.category === 'camera_offline')).toHaveLength(1);

    // Back online: status and event, no alert.
    const online = await report('online', new Date(t.clock.now().getTime()).toISOString());
    expect(online.body).toMatchObject({ outcome: 'changed', alertId: null });
    // Only relays report health.
    expect(
      (await t.request('POST', `/api/cameras/${camera.id}/status`, { token: analytics, body: { status: 'online', observedAt: at } }))
        .status,
    ).toBe(403);
    mine.close();
    foreign.close();
  });

  it('gives a viewer in scope a same-origin live ticket for that camera only, and nobody else', async () => {
    await heartbeat(relay, 'relay-a');
    const { school, camera } = cameraIn(XINGLONG);
    const foreign = cameraIn(LUANPING).camera;
    const manager = await t.login(`school.${school.code}`);
    const ticket = await t.request<{ url: string; format: string; expiresAt: string }>('POST', `/api/cameras/${camera.id}/live`, {
      token: manager,
      body: {},
    });
    expect(ticket.status).toBe(200);
    expect(ticket.body.url).toMatch(new RegExp(`^/live/${camera.id}\\?token=`));
    expect(ticket.body.format).toBe('mpegts');
    expect(ticket.text).not.toMatch(/rtsp|127\.0\.0\.1:1/);
    const token = decodeURIComponent(ticket.body.url.split('token=')[1]!);
    const key = relaySigningKey(t.server.ctx.signingSecret);
    expect(verifyRelayToken(key, token, { cam: camera.id, grant: 'live' })).toMatchObject({ fmt: 'mpegts' });
    expect(verifyRelayToken(key, token, { cam: foreign.id, grant: 'live' })).toBeNull();
    expect(verifyRelayToken(key, token, { cam: camera.id, grant: 'playback' })).toBeNull();
    // A grid tile asks for the sub-stream: signed into the token like the format.
    const tile = await t.request<{ url: string }>('POST', `/api/cameras/${camera.id}/live`, { token: manager, body: { sub: true } });
    const tileToken = decodeURIComponent(tile.body.url.split('token=')[1]!);
    expect(verifyRelayToken(key, tileToken, { cam: camera.id, grant: 'live' })).toMatchObject({ fmt: 'mpegts', ss: 1 });

    // A foreign camera is not found, for a school manager and a county operator alike; the public may not.
    expect((await t.request('POST', `/api/cameras/${foreign.id}/live`, { token: manager, body: {} })).status).toBe(404);
    const xlCounty = await t.login(`county.${XINGLONG}`);
    for (const path of [`/live`, `/snapshot`, `/recordings?from=2026-01-01T00:00:00Z&to=2026-01-01T01:00:00Z`]) {
      const method = path === '/live' ? 'POST' : 'GET';
      expect(
        (await t.request(method, `/api/cameras/${foreign.id}${path}`, { token: xlCounty, body: method === 'POST' ? {} : undefined }))
          .status,
      ).toBe(404);
    }
    expect((await t.request('POST', `/api/cameras/${camera.id}/live`, { body: {} })).status).toBe(401);
    // A camera not marked public has no public ticket; a public one has.
    const publicCamera = t.dataset.cameras.find((c) => c.isPublic)!;
    const privateCamera = t.dataset.cameras.find((c) => !c.isPublic)!;
    expect((await t.request('POST', `/api/public/cameras/${privateCamera.id}/live`, { body: {} })).status).toBe(404);
    expect((await t.request('POST', `/api/public/cameras/${publicCamera.id}/live`, { body: {} })).status).toBe(200);
  });

  it('lists the cameras a wall names by id, only those in the viewer’s scope', async () => {
    const mine = t.dataset.cameras.filter((c) => t.dataset.schools.find((s) => s.id === c.schoolId)?.countyCode === XINGLONG);
    const foreign = cameraIn(LUANPING).camera;
    const county = await t.login(`county.${XINGLONG}`);
    const ids = [mine[0]!.id, mine[1]!.id, foreign.id];
    const listed = await t.request<{ items: Array<{ id: string }>; total: number }>('GET', `/api/cameras?ids=${ids.join(',')}`, {
      token: county,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c) => c.id).sort()).toEqual([mine[0]!.id, mine[1]!.id].sort());
    expect((await t.request('GET', '/api/cameras?ids=not-a-uuid', { token: county })).status).toBe(400);
  });

  it('answers 503 when no relay pulls the camera, or the camera is not connected', async () => {
    const { camera } = cameraIn(LUANPING);
    const admin = await t.login('city.admin');
    await t.db('cameras').where({ id: camera.id }).update({ ingest: false });
    const notConnected = await t.request('POST', `/api/cameras/${camera.id}/live`, { token: admin, body: {} });
    expect(notConnected.status).toBe(503);
    expect(notConnected.body).toMatchObject({ error: { code: 'camera_unavailable' } });
    await t.db('cameras').where({ id: camera.id }).update({ ingest: true });
    t.clock.advance(60_000);
    const noRelay = await t.request('POST', `/api/cameras/${camera.id}/live`, { token: admin, body: {} });
    expect(noRelay.status).toBe(503);
  });

  it('refuses a live WebSocket without a valid ticket before it reaches any relay', async () => {
    const { camera } = cameraIn(XINGLONG);
    const wsUrl = t.url.replace('http', 'ws');
    const status = (url: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(url);
        socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.on('open', () => resolve(101));
        socket.on('error', () => resolve(-1));
      });
    expect(await status(`${wsUrl}/live/${camera.id}`)).toBe(401);
    expect(await status(`${wsUrl}/live/${camera.id}?token=abc.def`)).toBe(401);
    expect(await status(`${wsUrl}/elsewhere`)).toBe(404);
  });
});
