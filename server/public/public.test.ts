// What a parent can find without logging in: the counties to narrow a search, a school by part of its name
// (within a county), and its canteens' licences with their current risk grade once the canteens are graded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

describe('public school pages', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the counties with schools, and finds a school by part of its name within its county', async () => {
    const counties = await t.request('GET', '/api/public/counties');
    expect(counties.status).toBe(200);
    const withSchools = new Set(t.dataset.schools.map((school) => school.countyCode));
    expect(counties.body.items.map((county: { code: string }) => county.code)).toEqual([...withSchools].sort());
    const xinglong = counties.body.items.find((county: { code: string }) => county.code === '130822');
    expect(xinglong.name).toBe('兴隆县');

    const school = t.dataset.schools.find((s) => s.countyCode === '130822')!;
    const part = school.name.slice(2, 6);
    const found = await t.request('GET', `/api/public/schools?q=${encodeURIComponent(part)}&county=130822`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((s: { id: string }) => s.id)).toContain(school.id);
    expect(found.body.items.every((s: { county: { code: string } }) => s.county.code === '130822')).toBe(true);
  });

  it("shows each canteen's risk grade once graded, and null before", async () => {
    const school = t.dataset.schools[0]!;
    const before = await t.request('GET', `/api/public/schools/${school.id}`);
    expect(before.status).toBe(200);
    expect(before.body.canteens.length).toBeGreaterThan(0);
    expect(before.body.canteens.every((c: { riskGrade: unknown }) => c.riskGrade === null)).toBe(true);

    const admin = await t.login('city.admin');
    expect((await t.request('POST', '/api/risk/recompute', { token: admin })).status).toBe(200);
    const after = await t.request('GET', `/api/public/schools/${school.id}`);
    expect(after.body.canteens.every((c: { riskGrade: string }) => ['A', 'B', 'C', 'D'].includes(c.riskGrade))).toBe(true);
  });
});
