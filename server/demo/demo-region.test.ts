// A province demo: the provincial platform's accounts log in and see every city; each city keeps its own
// accounts and sees only itself; the schools' GB/T 28181 recorders are there with their channels bound to the
// canteens' cameras. A small province-shaped region (two cities) stands for Hebei, which is seeded the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSmallProvince } from '../../fixtures/region/small-province';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { loadConfig } from '../config';

interface TreeNode {
  code: string;
  level: string;
  cameraCount: number;
  children: TreeNode[];
}

describe('a province demo', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ dataset: generateSmallProvince() });
  });
  afterAll(async () => {
    await t?.close();
  });

  const treeOf = async (username: string) => {
    const response = await t.request<{ root: TreeNode }>('GET', '/api/jurisdictions', { token: await t.login(username) });
    expect(response.status).toBe(200);
    return response.body.root;
  };

  it('logs in province.admin and province.duty at the province, seeing both cities', async () => {
    for (const username of ['province.admin', 'province.duty']) {
      const root = await treeOf(username);
      expect(root.code).toBe('130000');
      expect(root.children.map((city) => city.code).sort()).toEqual(['130100', '130800']);
      expect(root.cameraCount).toBe(t.dataset.cameras.length);
    }
    const me = await t.request<{ role: string }>('GET', '/api/auth/me', { token: await t.login('province.duty') });
    expect(me.body.role).toBe('province_operator');
  });

  it('gives Chengde city.admin and city.duty, every other city city.<adcode>.admin and .duty, each seeing only its city', async () => {
    expect((await treeOf('city.admin')).code).toBe('130800');
    expect((await treeOf('city.duty')).code).toBe('130800');
    const shijiazhuang = await treeOf('city.130100.admin');
    expect(shijiazhuang.code).toBe('130100');
    expect(shijiazhuang.children.map((county) => county.code).sort()).toEqual(['130102', '130123']);
    expect((await treeOf('city.130100.duty')).code).toBe('130100');
    expect((await treeOf('county.130123')).code).toBe('130123');
  });

  it('has the schools’ GB/T 28181 recorders, each channel bound to its camera, in the scope of their city', async () => {
    const devices = t.dataset.gbDevices!;
    expect(devices.length).toBeGreaterThan(0);
    const list = async (username: string) =>
      (
        await t.request<{ items: Array<{ deviceId: string; channels: Array<{ camera: { id: string } | null }> }> }>(
          'GET',
          '/api/gb/devices',
          {
            token: await t.login(username),
          },
        )
      ).body.items;
    const all = await list('province.admin');
    expect(all.map((device) => device.deviceId).sort()).toEqual(devices.map((device) => device.deviceId).sort());
    expect(all.flatMap((device) => device.channels).every((channel) => channel.camera !== null)).toBe(true);
    expect(all.flatMap((device) => device.channels)).toHaveLength(t.dataset.gbChannels!.length);
    const inShijiazhuang = await list('city.130100.admin');
    expect(inShijiazhuang.length).toBeGreaterThan(0);
    expect(inShijiazhuang.every((device) => device.deviceId.startsWith('1301'))).toBe(true);
  });
});

describe('DEMO_REGION', () => {
  it('is chengde by default, hebei on request, and a bad value stops the start naming it', () => {
    expect(loadConfig({}).demoRegion).toBe('chengde');
    expect(loadConfig({ DEMO_REGION: 'hebei' }).demoRegion).toBe('hebei');
    expect(() => loadConfig({ DEMO_REGION: 'beijing' })).toThrow(/DEMO_REGION/);
  });
});
