// With UPSTREAM_SIP set, a relay that runs a SIP server learns in its heartbeat which of its cameras the upper
// platform may see — those within UPSTREAM_SIP's scope, nothing beyond — each under a stable 20-digit GB id: a
// bound GB channel its own channel id, an RTSP camera one made from its county's code and type 131.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GB_ID_TYPES, gbIdAdcode, gbIdType, makeGbId } from '../../gb28181/gb-id';
import type { HeartbeatResponse } from '../../stream-relay/protocol';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { createServiceToken } from '../auth/commands/createServiceToken';
import { systemActor } from '../policy/actor';

const XINGLONG = '130822';
const LUANPING = '130824';
const UPSTREAM = `sip:13000000002000000001@127.0.0.1:5061;password=up-Secret1;scope=${XINGLONG}`;

describe('cameras shared with the upper platform', () => {
  let t: TestServer;
  let relay: string;

  beforeAll(async () => {
    t = await startTestServer({ canteens: 30, env: { UPSTREAM_SIP: UPSTREAM, SIP_ID: '13080000002000000009' } });
    relay = (await createServiceToken(t.server.ctx, { actor: systemActor('test') }, { name: 'gb-up', kind: 'relay' })).token;
    // Pull the demo cameras of two counties (the demo leaves them unconnected).
    const counties = t.dataset.schools.filter((s) => s.countyCode === XINGLONG || s.countyCode === LUANPING).map((s) => s.id);
    await t.db('cameras').whereIn('school_id', counties).update({ ingest: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  const heartbeat = () =>
    t.request<HeartbeatResponse>('POST', '/api/relays/heartbeat', {
      token: relay,
      body: { relayId: 'gb-up', url: 'http://127.0.0.1:1', cameras: [], sip: { host: '127.0.0.1', port: 5060 } },
    });

  it('shares the cameras within the scope only, each under a stable GB id of its county', async () => {
    const answer = await heartbeat();
    expect(answer.body.gb).toMatchObject({ platformId: '13080000002000000009', domain: '1308000000' });
    const shared = answer.body.gb!.upstream!.shared;
    const xinglong = new Set(
      t.dataset.cameras.filter((c) => t.dataset.schools.find((s) => s.id === c.schoolId)!.countyCode === XINGLONG).map((c) => c.id),
    );
    expect(xinglong.size).toBeGreaterThan(0);
    expect(shared.length).toBe(xinglong.size);
    expect(shared.every((camera) => xinglong.has(camera.cameraId))).toBe(true);
    expect(shared.every((camera) => gbIdAdcode(camera.gbId) === XINGLONG && gbIdType(camera.gbId) === GB_ID_TYPES.camera)).toBe(true);
    expect(shared.every((camera) => camera.civilCode === XINGLONG)).toBe(true);
    expect(new Set(shared.map((camera) => camera.gbId)).size).toBe(shared.length);
    expect((await heartbeat()).body.gb!.upstream!.shared).toEqual(shared);
  });

  it('shares a bound GB channel under its own channel id', async () => {
    const deviceId = makeGbId(XINGLONG, GB_ID_TYPES.nvr, 1);
    const channelId = makeGbId(XINGLONG, GB_ID_TYPES.camera, 900_001);
    await t.request('POST', '/api/relays/gb/devices', {
      token: relay,
      body: {
        relayId: 'gb-up',
        devices: [
          {
            deviceId,
            online: true,
            transport: 'udp',
            address: '198.51.100.4',
            port: 5060,
            channels: [{ channelId, name: '通道1', status: 'ON' }],
          },
        ],
      },
    });
    const canteen = t.dataset.canteens.find((c) => t.dataset.schools.find((s) => s.id === c.schoolId)!.countyCode === XINGLONG)!;
    const bound = await t.request('POST', `/api/gb/devices/${deviceId}/channels/${channelId}/bind`, {
      token: await t.login('city.admin'),
      body: { canteenId: canteen.id, area: 'prep' },
    });
    expect(bound.status).toBe(201);
    const shared = (await heartbeat()).body.gb!.upstream!.shared;
    expect(shared).toContainEqual(expect.objectContaining({ cameraId: bound.body.camera.id, gbId: channelId, civilCode: XINGLONG }));
  });
});
