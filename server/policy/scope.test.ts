// The jurisdiction boundary through HTTP and Socket.IO: a table of actors × requests on records of 兴隆县
// (130822) and 滦平县 (130824). A foreign record answers exactly like a missing one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleSockets } from '../../tests/support/settings';
import { TestSocket } from '../../tests/support/sockets';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { createServiceToken } from '../auth/commands/createServiceToken';
import { systemActor } from './actor';

type ActorName = 'cityAdmin' | 'cityDuty' | 'xinglong' | 'luanping' | 'xlSchool' | 'lpSchool' | 'relay' | 'public';
const ACTORS: ActorName[] = ['cityAdmin', 'cityDuty', 'xinglong', 'luanping', 'xlSchool', 'lpSchool', 'relay', 'public'];

describe('jurisdiction scope', () => {
  let t: TestServer;
  const tokens = {} as Record<ActorName, string | undefined>;
  let xl: { id: string; code: string; camera: string };
  let lp: { id: string; code: string; camera: string };

  beforeAll(async () => {
    t = await startTestServer();
    const pick = (county: string) => {
      const school = t.dataset.schools.find((s) => s.countyCode === county)!;
      const camera = t.dataset.cameras.find((c) => c.schoolId === school.id)!;
      return { id: school.id, code: school.code, camera: camera.id };
    };
    xl = pick('130822');
    lp = pick('130824');
    tokens.cityAdmin = await t.login('city.admin');
    tokens.cityDuty = await t.login('city.duty');
    tokens.xinglong = await t.login('county.130822');
    tokens.luanping = await t.login('county.130824');
    tokens.xlSchool = await t.login(`school.${xl.code}`);
    tokens.lpSchool = await t.login(`school.${lp.code}`);
    tokens.relay = (await createServiceToken(t.server.ctx, { actor: systemActor('test') }, { name: 'relay-scope', kind: 'relay' })).token;
    tokens.public = undefined;
  });
  afterAll(async () => {
    await t?.close();
  });

  // Expected status per actor, in the order of ACTORS.
  const table: Array<[string, () => [string, string, unknown?], number[]]> = [
    ['read a 兴隆 school', () => ['GET', `/api/schools/${xl.id}`], [200, 200, 200, 404, 200, 404, 200, 401]],
    ['read a 滦平 school', () => ['GET', `/api/schools/${lp.id}`], [200, 200, 404, 200, 404, 200, 200, 401]],
    ['list 滦平 schools', () => ['GET', '/api/schools?county=130824'], [200, 200, 404, 200, 404, 404, 200, 401]],
    ['list a 滦平 school’s cameras', () => ['GET', `/api/cameras?school=${lp.id}`], [200, 200, 404, 200, 404, 200, 200, 401]],
    ['list 滦平 cameras', () => ['GET', '/api/cameras?county=130824'], [200, 200, 404, 200, 404, 404, 200, 401]],
    [
      'edit a 滦平 school',
      () => ['PATCH', `/api/schools/${lp.id}`, { version: 99, phone: '0314-5550000' }],
      [409, 403, 404, 409, 404, 409, 403, 401],
    ],
    [
      'edit a 滦平 camera',
      () => ['PATCH', `/api/cameras/${lp.camera}`, { version: 99, name: '新名字' }],
      [409, 403, 403, 403, 403, 403, 403, 401],
    ],
    [
      'edit a 兴隆 camera',
      () => ['PATCH', `/api/cameras/${xl.camera}`, { version: 99, name: '新名字' }],
      [409, 403, 403, 403, 403, 403, 403, 401],
    ],
    ['read the jurisdiction tree', () => ['GET', '/api/jurisdictions'], [200, 200, 200, 200, 200, 200, 200, 401]],
    ['read the event log', () => ['GET', '/api/events'], [200, 200, 200, 200, 200, 200, 200, 401]],
    ['read a school’s public page', () => ['GET', `/api/public/schools/${lp.id}`], [200, 200, 200, 200, 200, 200, 200, 200]],
  ];

  it.each(table)('%s', async (_what, describeRequest, expected) => {
    const [method, path, body] = describeRequest();
    const got: number[] = [];
    for (const actor of ACTORS) {
      // A stale version (409) proves the request got past the policy to the record; 404/403/401 prove it did not.
      const response = await t.request(method, path, { token: tokens[actor], body });
      got.push(response.status);
      expect(response.body, `${actor} ${method} ${path}`).toBeTypeOf('object');
      if (response.status >= 400) expect(response.body.error.code).toBeTypeOf('string');
    }
    expect(Object.fromEntries(ACTORS.map((a, i) => [a, got[i]]))).toEqual(Object.fromEntries(ACTORS.map((a, i) => [a, expected[i]])));
  });

  it('answers a foreign record exactly like a record that does not exist', async () => {
    const foreign = await t.request('GET', `/api/schools/${lp.id}`, { token: tokens.xinglong });
    const missing = await t.request('GET', '/api/schools/00000000-0000-4000-8000-000000000000', { token: tokens.xinglong });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
  });

  it('lists only records in scope', async () => {
    const schools = await t.request('GET', '/api/schools?pageSize=500', { token: tokens.xinglong });
    expect(schools.body.items.length).toBeGreaterThan(0);
    expect(schools.body.items.every((s: { county: { code: string } }) => s.county.code === '130822')).toBe(true);
    const own = await t.request('GET', '/api/schools?pageSize=500', { token: tokens.xlSchool });
    expect(own.body.items.map((s: { id: string }) => s.id)).toEqual([xl.id]);
    const cameras = await t.request('GET', '/api/cameras?pageSize=500', { token: tokens.xlSchool });
    expect(cameras.body.items.every((c: { school: { id: string } }) => c.school.id === xl.id)).toBe(true);
    const tree = await t.request('GET', '/api/jurisdictions', { token: tokens.luanping });
    expect(tree.body.root.code).toBe('130824');
    expect(JSON.stringify(tree.body)).not.toContain('130822');
    const boundaries = await t.request('GET', '/api/jurisdictions/boundaries', { token: tokens.luanping });
    expect(boundaries.body.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(['130824']);
    const cityTree = await t.request('GET', '/api/jurisdictions', { token: tokens.cityDuty });
    expect(cityTree.body.root.children).toHaveLength(11);
  });

  it('shows the public only the cameras marked public, and no stream address', async () => {
    await t.db('cameras').where({ school_id: lp.id }).update({ is_public: false });
    await t.db('cameras').where({ id: lp.camera }).update({ is_public: true });
    const page = await t.request('GET', `/api/public/schools/${lp.id}`);
    expect(page.body.cameras.map((c: { id: string }) => c.id)).toEqual([lp.camera]);
    expect(page.text).not.toMatch(/rtsp:|admin:/);
  });

  it('delivers each event to exactly the sockets in scope', async () => {
    const sockets = Object.fromEntries(ACTORS.filter((a) => a !== 'public').map((a) => [a, new TestSocket(t.url, tokens[a]!)])) as Record<
      Exclude<ActorName, 'public'>,
      TestSocket
    >;
    await Promise.all(Object.values(sockets).map((s) => s.ready()));

    const version = (id: string) =>
      t
        .db('schools')
        .where({ id })
        .first('version')
        .then((r: { version: number }) => r.version);
    const lpUpdate = await t.request('PATCH', `/api/schools/${lp.id}`, {
      token: tokens.cityAdmin,
      body: { version: await version(lp.id), phone: '0314-5551234' },
    });
    expect(lpUpdate.status).toBe(200);
    const xlUpdate = await t.request('PATCH', `/api/schools/${xl.id}`, {
      token: tokens.xinglong,
      body: { version: await version(xl.id), principal: '王校长' },
    });
    expect(xlUpdate.status).toBe(200);

    const got = (actor: keyof typeof sockets) => sockets[actor].events.filter((e) => e.type === 'school.updated').map((e) => e.subject.id);
    await sockets.cityDuty.waitForEvents((events) => events.filter((e) => e.type === 'school.updated').length === 2);
    // Events reach a socket in order: once a later mark has arrived everywhere, no stray delivery is on its way.
    await settleSockets(t, tokens.cityAdmin!, Object.values(sockets));
    expect(got('cityDuty')).toEqual([lp.id, xl.id]);
    expect(got('cityAdmin')).toEqual([lp.id, xl.id]);
    expect(got('relay')).toEqual([lp.id, xl.id]);
    expect(got('luanping')).toEqual([lp.id]);
    expect(got('lpSchool')).toEqual([lp.id]);
    expect(got('xinglong')).toEqual([xl.id]);
    expect(got('xlSchool')).toEqual([xl.id]);
    for (const socket of Object.values(sockets)) socket.close();
  });

  it('refuses a socket without a valid token', async () => {
    for (const token of ['', 'ccs_not-a-session']) {
      const socket = new TestSocket(t.url, token, undefined, { reconnection: false });
      await expect(socket.ready(1, 1500)).rejects.toThrow();
      expect(socket.connectError?.message).toMatch(/unauthenticated|invalid_handshake/);
      socket.close();
    }
  });

  it('closes the sockets of a session that logs out', async () => {
    const token = await t.login('county.130826');
    const socket = new TestSocket(t.url, token, undefined, { reconnection: false });
    await socket.ready();
    await t.request('POST', '/api/auth/logout', { token });
    await expect.poll(() => socket.socket.connected).toBe(false);
    socket.close();
  });
});
