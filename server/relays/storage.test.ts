// The relays' storage on the server: each heartbeat's report is kept and shown to the city administrator;
// a relay that stops recording at its free-disk floor raises the storage alert for the city's staff, once,
// and resolves it when it records again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageReport } from '../../stream-relay/testing/storage-report';
import type { StorageReport } from '../../stream-relay/protocol';
import { TestSocket } from '../../tests/support/sockets';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { createServiceToken } from '../auth/commands/createServiceToken';
import { systemActor } from '../policy/actor';

const XINGLONG = '130822';
const GB = 1e9;

describe('relay storage', () => {
  let t: TestServer;
  /** A relay of the whole province (the demo's embedded relay is one) and one of a county. */
  let provinceRelay: string;
  let countyRelay: string;
  const system = { actor: systemActor('test') };

  beforeAll(async () => {
    t = await startTestServer({ canteens: 30 });
    provinceRelay = (await createServiceToken(t.server.ctx, system, { name: 'relay-p', kind: 'relay' })).token;
    countyRelay = (await createServiceToken(t.server.ctx, system, { name: 'relay-x', kind: 'relay', scopeCode: XINGLONG })).token;
  });
  afterAll(async () => {
    await t?.close();
  });

  const heartbeat = (token: string, relayId: string, storage?: StorageReport) =>
    t.request('POST', '/api/relays/heartbeat', {
      token,
      body: { relayId, url: `http://127.0.0.1:1`, cameras: [], ...(storage ? { storage } : {}) },
    });

  interface StorageAnswer {
    relays: Array<{ relayId: string; live: boolean; lastSeenAt: string; cameraCount: number; storage: StorageReport | null }>;
  }

  it('shows the city administrator every relay that may record the city’s cameras, with its last report', async () => {
    const at = new Date().toISOString();
    expect((await heartbeat(provinceRelay, 'storage-province', storageReport(false, at))).status).toBe(200);
    expect((await heartbeat(countyRelay, 'storage-xinglong')).status).toBe(200);

    const admin = await t.login('city.admin');
    const answer = await t.request<StorageAnswer>('GET', '/api/system/storage', { token: admin });
    expect(answer.status).toBe(200);
    const byId = new Map(answer.body.relays.map((relay) => [relay.relayId, relay]));
    expect(byId.get('storage-province')).toMatchObject({ live: true, cameraCount: 0, storage: storageReport(false, at) });
    // A relay that has not reported yet is listed without figures.
    expect(byId.get('storage-xinglong')).toMatchObject({ live: true, storage: null });

    // A heartbeat without a report keeps the last one.
    await heartbeat(provinceRelay, 'storage-province');
    const again = await t.request<StorageAnswer>('GET', '/api/system/storage', { token: admin });
    expect(again.body.relays.find((relay) => relay.relayId === 'storage-province')!.storage).toEqual(storageReport(false, at));
  });

  it('is for the city administrator only: other roles 403, the public 401', async () => {
    const school = t.dataset.schools.find((s) => s.countyCode === XINGLONG)!;
    for (const username of ['city.duty', `county.${XINGLONG}`, `school.${school.code}`]) {
      const answer = await t.request('GET', '/api/system/storage', { token: await t.login(username) });
      expect(answer.status, username).toBe(403);
      expect(answer.body).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect((await t.request('GET', '/api/system/storage', { token: provinceRelay })).status).toBe(403);
    const anonymous = await t.request('GET', '/api/system/storage');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('raises the storage alert once when a relay stops recording, and resolves it once when it records again', async () => {
    const admin = new TestSocket(t.url, await t.login('city.admin'));
    const county = new TestSocket(t.url, await t.login(`county.${XINGLONG}`));
    await Promise.all([admin.ready(), county.ready()]);
    const systemAlerts = (socket: TestSocket) => socket.events.filter((event) => event.type.startsWith('system_alert.'));

    const pausedAt = new Date().toISOString();
    await heartbeat(provinceRelay, 'storage-province', storageReport(true, pausedAt));
    // The relay retries, or simply beats again while still stopped: no second alert.
    await heartbeat(provinceRelay, 'storage-province', storageReport(true, new Date().toISOString(), pausedAt));
    await admin.waitForEvents((events) => events.some((event) => event.type === 'system_alert.raised'));
    const raised = systemAlerts(admin);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      subject: { type: 'relay', id: 'storage-province' },
      data: {
        category: 'storage_low',
        categoryName: '录像存储空间不足',
        severity: 'high',
        relayId: 'storage-province',
        freeBytes: 1.5 * GB,
        minFreeBytes: 2 * GB,
      },
    });
    const shown = await t.request<StorageAnswer>('GET', '/api/system/storage', { token: await t.login('city.admin') });
    expect(shown.body.relays.find((relay) => relay.relayId === 'storage-province')!.storage).toMatchObject({
      recordingPaused: true,
      pausedSince: pausedAt,
    });

    await heartbeat(provinceRelay, 'storage-province', storageReport(false, new Date().toISOString()));
    await heartbeat(provinceRelay, 'storage-province', storageReport(false, new Date().toISOString()));
    await admin.waitForEvents((events) => events.some((event) => event.type === 'system_alert.resolved'));
    expect(systemAlerts(admin).map((event) => event.type)).toEqual(['system_alert.raised', 'system_alert.resolved']);

    // Each change is in the audit log.
    const audited = (await t.db('audit_log').where('target_id', 'storage-province').orderBy('id').select('action', 'actor_kind')) as Array<{
      action: string;
      actor_kind: string;
    }>;
    expect(audited).toEqual([
      { action: 'system_alert.raised', actor_kind: 'service' },
      { action: 'system_alert.resolved', actor_kind: 'service' },
    ]);

    // A county's desk is not told of a relay's disk: it hears a later event of its own, and none of these.
    const camera = t.dataset.cameras.find((c) => t.dataset.schools.find((s) => s.id === c.schoolId)?.countyCode === XINGLONG)!;
    const observedAt = new Date().toISOString();
    const status = await t.request('POST', `/api/cameras/${camera.id}/status`, {
      token: countyRelay,
      body: { status: 'offline', observedAt, detail: { reason: 'test' } },
    });
    expect(status.status).toBe(200);
    await county.waitForEvents((events) => events.some((event) => event.type === 'camera.status_changed'));
    expect(systemAlerts(county)).toEqual([]);
    admin.close();
    county.close();
  });

  it('lets a relay token heartbeat only as a relay id it holds, while that relay lives', async () => {
    expect((await heartbeat(countyRelay, 'relay-held')).status).toBe(200);
    // Another relay's token cannot take the id over (its URL, scope and storage alert) while it lives.
    const taken = await heartbeat(provinceRelay, 'relay-held', storageReport(true));
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('relay_id_taken');
    const row = (await t.db('relays').where({ id: 'relay-held' }).first('scope_path', 'storage')) as {
      scope_path: string;
      storage: unknown;
    };
    expect(row).toEqual({ scope_path: '/130000/130800/130822/', storage: null });
    // Once it has gone silent (a relay given a new token, say), the id passes to whoever heartbeats next.
    t.clock.advance(60_000);
    expect((await heartbeat(provinceRelay, 'relay-held')).status).toBe(200);
    t.clock.advance(-60_000);
  });
});
