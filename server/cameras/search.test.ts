// The camera list's name search (q): the wall's search box asks the server, so a city user searching every
// county gets the matches, not every camera to sift. It matches camera, canteen and school names, takes the
// user's % and _ literally, and stays within the user's jurisdiction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

type Listed = { items: Array<{ id: string; school: { id: string } }>; total: number };

describe('camera search', () => {
  let t: TestServer;
  let cityToken: string;

  beforeAll(async () => {
    t = await startTestServer();
    cityToken = await t.login('city.duty');
  });
  afterAll(async () => {
    await t?.close();
  });

  const search = async (token: string, q: string) => {
    const response = await t.request<Listed>('GET', `/api/cameras?q=${encodeURIComponent(q)}&pageSize=500`, { token });
    expect(response.status).toBe(200);
    return response.body;
  };

  it("finds every camera of a school by the school's name, and a camera by its own", async () => {
    const school = t.dataset.schools[3]!;
    const expected = t.dataset.cameras.filter((camera) => camera.schoolId === school.id).map((camera) => camera.id);
    const bySchool = await search(cityToken, school.name);
    const fromSchool = bySchool.items.filter((camera) => camera.school.id === school.id).map((camera) => camera.id);
    expect(fromSchool.sort()).toEqual(expected.sort());
    // Other schools' names that hold this one's (rare) may match too, but nothing else.
    const others = new Set(t.dataset.schools.filter((s) => s.name.includes(school.name)).map((s) => s.id));
    for (const camera of bySchool.items) expect(others.has(camera.school.id)).toBe(true);

    const camera = t.dataset.cameras[0]!;
    const byName = await search(cityToken, camera.name);
    expect(byName.items.map((item) => item.id)).toContain(camera.id);
    expect(byName.total).toBeLessThan(t.dataset.cameras.length);
  });

  it('takes % and _ literally', async () => {
    expect((await search(cityToken, '%')).total).toBe(0);
    expect((await search(cityToken, '_')).total).toBe(0);
  });

  it("keeps a county operator to their own county's cameras", async () => {
    const school = t.dataset.schools[0]!;
    const other = t.dataset.jurisdictions.find((node) => node.level === 'county' && node.code !== school.countyCode)!;
    const foreign = await t.login(`county.${other.code}`);
    expect((await search(foreign, school.name)).items.filter((camera) => camera.school.id === school.id)).toEqual([]);
    const own = await t.login(`county.${school.countyCode}`);
    expect((await search(own, school.name)).items.some((camera) => camera.school.id === school.id)).toBe(true);
  });

  it('refuses a search longer than 50 characters with a clear error', async () => {
    const response = await t.request<{ error: { code: string } }>('GET', `/api/cameras?q=${'食'.repeat(51)}`, { token: cityToken });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_input');
  });
});
