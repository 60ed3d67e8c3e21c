// Food samples (留样) still kept: a school lists the samples it has not thrown away, records one thrown away
// at the version it read, and a second discard at the old version is refused as stale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

describe('retained food samples', () => {
  let t: TestServer;
  let token: string;
  beforeAll(async () => {
    t = await startTestServer({ canteens: 4 });
    token = await t.login(`school.${t.dataset.schools[0]!.code}`);
  });
  afterAll(async () => {
    await t?.close();
  });

  const sample = async (dish: string, hoursAgo: number) => {
    const collectedAt = new Date(t.clock.now().getTime() - hoursAgo * 3_600_000).toISOString();
    const response = await t.request('POST', '/api/ledgers/entries', {
      token,
      body: { kind: 'food_sample', payload: { meal: 'lunch', dish, weightGrams: 150, collectedAt } },
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; version: number };
  };
  const retained = async () => {
    const response = await t.request('GET', '/api/ledgers/entries?kind=food_sample&retained=true', { token });
    expect(response.status).toBe(200);
    return (response.body.items as Array<{ id: string; kind: string }>).map((entry) => entry.id);
  };

  it('lists only the samples not yet thrown away, and a discard at a stale version is refused', async () => {
    const old = await sample('红烧鸡块', 50);
    const fresh = await sample('清炒白菜', 2);
    await t.request('POST', '/api/ledgers/entries', {
      token,
      body: { kind: 'menu', payload: { meals: [{ meal: 'lunch', dishes: ['米饭'] }] } },
    });
    expect((await retained()).sort()).toEqual([old.id, fresh.id].sort());

    const discardedAt = t.clock.now().toISOString();
    const discarded = await t.request('POST', `/api/ledgers/entries/${old.id}/discard`, {
      token,
      body: { discardedAt, version: old.version },
    });
    expect(discarded.status).toBe(200);
    expect(discarded.body.payload.discardedAt).toBe(discardedAt);
    expect(await retained()).toEqual([fresh.id]);

    const stale = await t.request('POST', `/api/ledgers/entries/${old.id}/discard`, {
      token,
      body: { discardedAt, version: old.version },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
  });
});
