// GB/T 28181 on the server, through the HTTP API as the relay and the administrators use it: a relay's SIP
// server reports its devices (placed in the tree by their ids, refused outside it) and catalogs; an
// administrator binds channels to canteens, by hand or by the naming rule, and a bound channel is a camera like
// any other (lists, scope, the relay's assignment); device losses and alarms become alerts joined to the
// camera's open case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GB_ID_TYPES, makeGbId } from '../../gb28181/gb-id';
import type { GbDeviceReport, HeartbeatResponse } from '../../stream-relay/protocol';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { createServiceToken } from '../auth/commands/createServiceToken';
import { systemActor } from '../policy/actor';

const XINGLONG = '130822';
const LUANPING = '130824';
/** An NVR of 兴隆县 (type 118) and its channels (type 131). */
const nvrId = (county: string, serial: number) => makeGbId(county, GB_ID_TYPES.nvr, serial);
const channelId = (county: string, serial: number) => makeGbId(county, GB_ID_TYPES.camera, serial);

describe('GB/T 28181 devices on the server', () => {
  let t: TestServer;
  let cityRelay: string;
  let luanpingRelay: string;
  let admin: string;
  const system = { actor: systemActor('test') };

  beforeAll(async () => {
    t = await startTestServer({ canteens: 30 });
    cityRelay = (await createServiceToken(t.server.ctx, system, { name: 'gb-city', kind: 'relay', scopeCode: '130800' })).token;
    luanpingRelay = (await createServiceToken(t.server.ctx, system, { name: 'gb-luanping', kind: 'relay', scopeCode: LUANPING })).token;
    admin = await t.login('city.admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const device = (deviceId: string, extra: Partial<GbDeviceReport> = {}): GbDeviceReport => ({
    deviceId,
    online: true,
    transport: 'tcp',
    address: '203.0.113.7',
    port: 41234,
    registeredAt: t.clock.now().toISOString(),
    expiresAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
    lastKeepaliveAt: t.clock.now().toISOString(),
    ...extra,
  });
  const report = (devices: GbDeviceReport[], token = cityRelay, relayId = 'gb-city') =>
    t.request('POST', '/api/relays/gb/devices', { token, body: { relayId, devices } });
  const heartbeat = (token: string, relayId: string, sip = true) =>
    t.request<HeartbeatResponse>('POST', '/api/relays/heartbeat', {
      token,
      body: { relayId, url: 'http://127.0.0.1:1', cameras: [], ...(sip ? { sip: { host: '127.0.0.1', port: 5060 } } : {}) },
    });
  const devices = async (token = admin) => (await t.request('GET', '/api/gb/devices', { token })).body.items as Array<Record<string, any>>;
  const xinglongCanteen = () => {
    const school = t.dataset.schools.find((s) => s.countyCode === XINGLONG)!;
    return { school, canteen: t.dataset.canteens.find((c) => c.schoolId === school.id)! };
  };

  it('registers the devices a relay reports at the node of their ids, with their catalog, and refuses one outside the tree', async () => {
    const beijing = makeGbId('110101', GB_ID_TYPES.nvr, 1);
    const answer = await report([
      device(nvrId(XINGLONG, 1), {
        info: { name: '兴隆NVR', manufacturer: 'Hikvision', model: 'DS-7808N' },
        channels: [
          { channelId: channelId(XINGLONG, 1), name: '通道1', status: 'ON' },
          { channelId: channelId(XINGLONG, 2), name: '通道2', status: 'OFF' },
        ],
      }),
      device(beijing),
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ accepted: 1, refused: [{ deviceId: beijing, reason: 'outside_tree' }] });

    const [nvr, ...others] = await devices();
    expect(others).toEqual([]);
    expect(nvr).toMatchObject({
      deviceId: nvrId(XINGLONG, 1),
      name: '兴隆NVR',
      manufacturer: 'Hikvision',
      online: true,
      transport: 'tcp',
      address: '203.0.113.7',
      port: 41234,
      jurisdiction: { code: XINGLONG, name: '兴隆县' },
      relayId: 'gb-city',
      channels: [
        { channelId: channelId(XINGLONG, 1), name: '通道1', status: 'ON', camera: null },
        { channelId: channelId(XINGLONG, 2), name: '通道2', status: 'OFF', camera: null },
      ],
    });
    expect(nvr!.lastKeepaliveAt).toEqual(expect.any(String));
    expect(JSON.stringify(nvr)).not.toMatch(/ha1/i);

    // A report without a catalog keeps the channels; a retry writes the same.
    await report([device(nvrId(XINGLONG, 1))]);
    await report([device(nvrId(XINGLONG, 1))]);
    expect((await devices())[0]!.channels).toHaveLength(2);
  });

  it('refuses a device outside a county relay’s county, and answers bad reports 400', async () => {
    const answer = await report([device(nvrId(XINGLONG, 9))], luanpingRelay, 'gb-luanping');
    expect(answer.body).toEqual({ accepted: 0, refused: [{ deviceId: nvrId(XINGLONG, 9), reason: 'outside_tree' }] });
    for (const bad of [
      { relayId: 'gb-city', devices: [{ ...device(nvrId(XINGLONG, 1)), deviceId: '1308' }] },
      {
        relayId: 'gb-city',
        devices: [{ ...device(nvrId(XINGLONG, 1)), channels: [{ channelId: channelId(XINGLONG, 1), name: 'a\u0000b', status: 'ON' }] }],
      },
      { relayId: 'gb-city', devices: [{ ...device(nvrId(XINGLONG, 1)), port: 70000 }] },
    ]) {
      expect((await t.request('POST', '/api/relays/gb/devices', { token: cityRelay, body: bad })).status).toBe(400);
    }
    // Users may not report; relays may not bind.
    expect((await t.request('POST', '/api/relays/gb/devices', { token: admin, body: { relayId: 'x', devices: [] } })).status).toBe(403);
    expect((await t.request('GET', '/api/gb/devices', { token: cityRelay })).status).toBe(403);
  });

  it('binds a channel to a canteen: a camera in the lists and the scope, pulled by the relay of its device', async () => {
    const { school, canteen } = xinglongCanteen();
    const bound = await t.request('POST', `/api/gb/devices/${nvrId(XINGLONG, 1)}/channels/${channelId(XINGLONG, 1)}/bind`, {
      token: admin,
      body: { canteenId: canteen.id, area: 'cooking', name: '后厨一号' },
    });
    expect(bound.status).toBe(201);
    const camera = bound.body.camera;
    expect(camera).toMatchObject({
      name: '后厨一号',
      area: 'cooking',
      canteen: { id: canteen.id },
      school: { id: school.id, name: school.name },
    });

    // Bound twice: 409.
    const again = await t.request('POST', `/api/gb/devices/${nvrId(XINGLONG, 1)}/channels/${channelId(XINGLONG, 1)}/bind`, {
      token: admin,
      body: { canteenId: canteen.id, area: 'cooking' },
    });
    expect(again.status).toBe(409);

    // The camera lists of the county and the wall, without its address.
    const county = await t.login(`county.${XINGLONG}`);
    const listed = await t.request('GET', `/api/cameras?canteen=${canteen.id}`, { token: county });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(camera.id);
    const onWall = await t.request('GET', `/api/cameras?ids=${camera.id}`, { token: admin });
    expect(onWall.body.items[0]).toMatchObject({ id: camera.id, connected: true });
    expect(JSON.stringify(onWall.body)).not.toContain('gb28181:');
    const elsewhere = await t.request('GET', `/api/cameras?ids=${camera.id}`, { token: await t.login(`county.${LUANPING}`) });
    expect(elsewhere.body.items).toEqual([]);
    expect((await devices(county))[0]!.channels[0].camera).toMatchObject({ id: camera.id });

    // The relay the device registered with pulls it (and no other relay, even one covering the county).
    expect((await heartbeat(luanpingRelay, 'gb-luanping')).status).toBe(200);
    const mine = await heartbeat(cityRelay, 'gb-city');
    expect(mine.body.cameras).toContainEqual({
      id: camera.id,
      url: `gb28181:${nvrId(XINGLONG, 1)}/${channelId(XINGLONG, 1)}`,
      codec: 'h264',
    });
    const province = (await createServiceToken(t.server.ctx, system, { name: 'gb-province', kind: 'relay' })).token;
    const other = await heartbeat(province, 'gb-province', false);
    expect(other.body.cameras.map((c) => c.id)).not.toContain(camera.id);
    expect(other.body.gb).toBeUndefined();
  });

  it('answers a relay that runs a SIP server with the platform, its tree and the keepalive setting; keeps the observed codec', async () => {
    const answer = await heartbeat(cityRelay, 'gb-city');
    expect(answer.body.gb).toMatchObject({ platformId: '13080000002000000001', domain: '1308000000', keepaliveMisses: 3 });
    expect(answer.body.gb!.adcodes).toContain('130800');
    expect(answer.body.gb!.adcodes).toContain(XINGLONG);
    expect(answer.body.gb!.adcodes).not.toContain('130000');
    const luanping = await heartbeat(luanpingRelay, 'gb-luanping');
    expect(luanping.body.gb!.adcodes).toEqual([LUANPING]);

    const cameraId = (await devices())[0]!.channels[0].camera.id as string;
    await t.request('POST', '/api/relays/heartbeat', {
      token: cityRelay,
      body: {
        relayId: 'gb-city',
        url: 'http://127.0.0.1:1',
        cameras: [{ id: cameraId, status: 'online', fps: 25, viewers: 1, codec: 'h265' }],
      },
    });
    const listed = await t.request('GET', `/api/cameras?ids=${cameraId}`, { token: admin });
    expect(listed.body.items[0].codec).toBe('h265');
  });

  it('keeps foreign devices out of sight: a county viewer neither lists nor binds them, and may not bind at all', async () => {
    const luanping = await t.login(`county.${LUANPING}`);
    expect(await devices(luanping)).toEqual([]);
    const { canteen } = xinglongCanteen();
    const bind = await t.request('POST', `/api/gb/devices/${nvrId(XINGLONG, 1)}/channels/${channelId(XINGLONG, 2)}/bind`, {
      token: luanping,
      body: { canteenId: canteen.id, area: 'prep' },
    });
    expect(bind.status).toBe(403);
    expect((await t.request('GET', '/api/gb/devices', { token: await t.login(`school.${xinglongCanteen().school.code}`) })).status).toBe(
      403,
    );
    // A device nobody registered is as missing as a foreign one; so is a channel of another device.
    const missing = await t.request('POST', `/api/gb/devices/${nvrId(XINGLONG, 77)}/channels/${channelId(XINGLONG, 2)}/bind`, {
      token: admin,
      body: { canteenId: canteen.id, area: 'prep' },
    });
    expect(missing.status).toBe(404);
    // A canteen outside the device's county is refused.
    const luanpingCanteen = t.dataset.canteens.find((c) => t.dataset.schools.find((s) => s.id === c.schoolId)!.countyCode === LUANPING)!;
    const outside = await t.request('POST', `/api/gb/devices/${nvrId(XINGLONG, 1)}/channels/${channelId(XINGLONG, 2)}/bind`, {
      token: admin,
      body: { canteenId: luanpingCanteen.id, area: 'prep' },
    });
    expect(outside.status).toBe(400);
  });

  it('makes the camera offline when its device stops keeping alive: a camera alert, joined to its open case when it drops again', async () => {
    const cameraId = (await devices())[0]!.channels[0].camera.id as string;
    const alerts = async () =>
      (await t.request('GET', `/api/alerts?camera=${cameraId}&category=camera_offline`, { token: admin })).body.items as Array<
        Record<string, any>
      >;
    t.clock.advance(1000);
    await report([device(nvrId(XINGLONG, 1), { online: false })]);
    const camera = async () => (await t.request('GET', `/api/cameras?ids=${cameraId}`, { token: admin })).body.items[0];
    expect((await camera()).status).toBe('offline');
    const [first, ...rest] = await alerts();
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ source: 'camera', category: 'camera_offline', status: 'new', count: 1 });

    // Back: online, the fault resolved.
    t.clock.advance(1000);
    await report([device(nvrId(XINGLONG, 1), { online: true })]);
    expect((await camera()).status).toBe('online');
    expect((await alerts())[0]).toMatchObject({ id: first!.id, status: 'resolved' });

    // Lost again soon after: the same case, open again, counted twice.
    t.clock.advance(1000);
    await report([device(nvrId(XINGLONG, 1), { online: false })]);
    const after = await alerts();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: first!.id, status: 'new', count: 2 });

    // A channel gone OFF (while its device is online) is an offline camera too.
    t.clock.advance(1000);
    await report([device(nvrId(XINGLONG, 1), { online: true })]);
    t.clock.advance(1000);
    await report([
      device(nvrId(XINGLONG, 1), {
        channels: [
          { channelId: channelId(XINGLONG, 1), name: '通道1', status: 'OFF' },
          { channelId: channelId(XINGLONG, 2), name: '通道2', status: 'OFF' },
        ],
      }),
    ]);
    expect((await camera()).status).toBe('offline');
  });

  it('turns a device alarm into a 设备报警 alert on the bound camera; a retried report adds nothing', async () => {
    const cameraId = (await devices())[0]!.channels[0].camera.id as string;
    const alarm = {
      key: `${nvrId(XINGLONG, 1)}:17:2026-12-07T08:00:00`,
      deviceId: nvrId(XINGLONG, 1),
      channelId: channelId(XINGLONG, 1),
      priority: 1,
      method: 5,
      description: '移动侦测',
      at: t.clock.now().toISOString(),
    };
    const first = await t.request('POST', '/api/relays/gb/alarms', { token: cityRelay, body: { alarms: [alarm] } });
    expect(first.body).toEqual({ alerts: 1, replayed: 0, ignored: 0 });
    const retry = await t.request('POST', '/api/relays/gb/alarms', { token: cityRelay, body: { alarms: [alarm] } });
    expect(retry.body).toEqual({ alerts: 0, replayed: 1, ignored: 0 });
    const listed = (await t.request('GET', `/api/alerts?camera=${cameraId}&category=device_alarm`, { token: admin })).body.items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ categoryName: '设备报警', summary: '移动侦测', camera: { id: cameraId }, count: 1 });
    // An alarm of a device with no bound camera, or one the relay does not cover, has nothing to land on.
    const stray = { ...alarm, key: 'x:1', deviceId: nvrId(XINGLONG, 2), channelId: undefined };
    expect(
      (await t.request('POST', '/api/relays/gb/alarms', { token: luanpingRelay, body: { alarms: [{ ...alarm, key: 'y:1' }, stray] } }))
        .body,
    ).toEqual({
      alerts: 0,
      replayed: 0,
      ignored: 2,
    });
  });

  it('unbinds a channel: its camera stays, not connected and no longer pulled; binding again brings it back', async () => {
    const path = `/api/gb/devices/${nvrId(XINGLONG, 1)}/channels/${channelId(XINGLONG, 1)}/bind`;
    const cameraId = (await devices())[0]!.channels[0].camera.id as string;
    const unbound = await t.request('DELETE', path, { token: admin });
    expect(unbound.status).toBe(200);
    expect(unbound.body).toEqual({ cameraId });
    expect((await t.request('DELETE', path, { token: admin })).status).toBe(409);
    expect((await devices())[0]!.channels[0].camera).toBeNull();
    expect((await t.request('GET', `/api/cameras?ids=${cameraId}`, { token: admin })).body.items[0]).toMatchObject({ connected: false });
    expect((await heartbeat(cityRelay, 'gb-city')).body.cameras.map((c) => c.id)).not.toContain(cameraId);

    const { canteen } = xinglongCanteen();
    const again = await t.request('POST', path, { token: admin, body: { canteenId: canteen.id, area: 'serving' } });
    expect(again.body.camera).toMatchObject({ id: cameraId, area: 'serving' });
  });

  it('binds channels named <school>-<area> by the naming rule, on request and when a catalog arrives with the setting on', async () => {
    const schools = t.dataset.schools.filter((s) => s.countyCode === XINGLONG);
    const [first, second] = schools;
    const canteenOf = (schoolId: string) =>
      t.dataset.canteens.filter((c) => c.schoolId === schoolId).sort((a, b) => a.name.localeCompare(b.name))[0]!;
    await report([
      device(nvrId(XINGLONG, 2), {
        channels: [
          { channelId: channelId(XINGLONG, 21), name: `${first!.name}-烹饪区`, status: 'ON' },
          { channelId: channelId(XINGLONG, 22), name: `${first!.name}－洗消间`, status: 'ON' },
          { channelId: channelId(XINGLONG, 23), name: '大门口', status: 'ON' },
        ],
      }),
    ]);
    expect(
      (await devices()).find((d) => d.deviceId === nvrId(XINGLONG, 2))!.channels.every((c: { camera: unknown }) => c.camera === null),
    ).toBe(true);
    const ruled = await t.request('POST', `/api/gb/devices/${nvrId(XINGLONG, 2)}/bind-by-rule`, { token: admin });
    expect(ruled.status).toBe(200);
    expect(ruled.body.unmatched).toEqual([{ channelId: channelId(XINGLONG, 23), name: '大门口' }]);
    expect(
      ruled.body.bound.map((b: { channelId: string; camera: { area: string; canteen: { id: string } } }) => [
        b.channelId,
        b.camera.area,
        b.camera.canteen.id,
      ]),
    ).toEqual([
      [channelId(XINGLONG, 21), 'cooking', canteenOf(first!.id).id],
      [channelId(XINGLONG, 22), 'washing', canteenOf(first!.id).id],
    ]);

    // With the setting on, a catalog that arrives binds by itself.
    const setting = await t.request('PUT', '/api/settings/gb.bindingRule', { token: admin, body: { value: 'school-area', version: null } });
    expect(setting.status).toBeLessThan(300);
    await report([
      device(nvrId(XINGLONG, 3), { channels: [{ channelId: channelId(XINGLONG, 31), name: `${second!.name}-备餐间`, status: 'ON' }] }),
    ]);
    const auto = (await devices()).find((d) => d.deviceId === nvrId(XINGLONG, 3))!;
    expect(auto.channels[0].camera).toMatchObject({ area: 'serving', canteen: { id: canteenOf(second!.id).id } });
  });

  it('lists the GB routes in the OpenAPI document', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/relays/gb/devices']!)).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/relays/gb/alarms']!)).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/gb/devices']!)).toEqual(['get']);
    expect(Object.keys(doc.paths['/api/gb/devices/{deviceId}/channels/{channelId}/bind']!).sort()).toEqual(['delete', 'post']);
    expect(Object.keys(doc.paths['/api/gb/devices/{deviceId}/bind-by-rule']!)).toEqual(['post']);
  });
});
