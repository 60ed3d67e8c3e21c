// Two city administrators editing one setting at once do not silently overwrite each other: GET /api/settings
// gives the version kept at the caller's own node, a change carries it back, and a change made from a version
// someone else has since replaced is refused (409 stale_version) and leaves the setting as that someone set it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS } from '../../analytics/assessment';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

interface SettingItem {
  key: string;
  value: unknown;
  definedAt: string | null;
  version: string | null;
}

describe('setting versions', () => {
  let t: TestServer;
  let admin: string;

  const settingAs = async (token: string, key: string) => {
    const response = await t.request<{ items: SettingItem[] }>('GET', '/api/settings', { token });
    expect(response.status).toBe(200);
    return response.body.items.find((item) => item.key === key)!;
  };
  const put = (key: string, value: unknown, version: string | null) =>
    t.request('PUT', `/api/settings/${key}`, { token: admin, body: { value, version } });

  beforeAll(async () => {
    t = await startTestServer({ canteens: 20 });
    admin = await t.login('city.admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the first of two changes made from the same version and refuses the second', async () => {
    const weights = (patrolPass: number) => ({ ...DEFAULT_WEIGHTS, patrol_pass: patrolPass });
    // Both administrators open the page: the city keeps its weights from here on.
    const first = await put('assessment.weights', weights(5), null);
    expect(first.status).toBe(200);
    const read = await settingAs(admin, 'assessment.weights');
    expect(read.version).toEqual(first.body.version);

    // One saves with the version read: it takes, with a new version.
    const saved = await put('assessment.weights', weights(7), read.version);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ key: 'assessment.weights', value: weights(7), version: expect.any(String) });
    expect(saved.body.version).not.toBe(read.version);

    // The other saves from the same, now old, version: refused, told the version now kept, nothing changed.
    const late = await put('assessment.weights', weights(9), read.version);
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'stale_version', details: { version: saved.body.version } });
    expect(await settingAs(admin, 'assessment.weights')).toMatchObject({ value: weights(7), version: saved.body.version });

    // Reloaded, the second administrator's change goes through.
    const retried = await put('assessment.weights', weights(9), saved.body.version);
    expect(retried.status).toBe(200);
    expect(await settingAs(admin, 'assessment.weights')).toMatchObject({ value: weights(9), version: retried.body.version });
  });

  it('lets only one of two first changes (version null) through', async () => {
    expect(await settingAs(admin, 'patrol.dailyTarget')).toMatchObject({ definedAt: null, version: null, value: 20 });
    const first = await put('patrol.dailyTarget', 30, null);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ value: 30, version: expect.any(String) });

    const second = await put('patrol.dailyTarget', 40, null);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'stale_version', details: { version: first.body.version } });
    expect(await settingAs(admin, 'patrol.dailyTarget')).toMatchObject({ value: 30, definedAt: '130800', version: first.body.version });
  });

  it('gives the version of the caller’s own node only, and requires one with every change', async () => {
    const kept = await put('tasks.reminderHoursBefore', 12, null);
    expect(kept.status).toBe(200);
    // A county sees the city's value in force, but keeps none of its own: no version.
    const county = await t.login(`county.${t.dataset.schools[0]!.countyCode}`);
    expect(await settingAs(county, 'tasks.reminderHoursBefore')).toMatchObject({ value: 12, definedAt: '130800', version: null });

    const unversioned = await t.request('PUT', '/api/settings/tasks.reminderHoursBefore', { token: admin, body: { value: 6 } });
    expect(unversioned.status).toBe(400);
    expect((await settingAs(admin, 'tasks.reminderHoursBefore')).value).toBe(12);
  });
});
