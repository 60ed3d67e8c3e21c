// A school in the list names its own jurisdiction node (nodeCode), which is where its settings are kept:
// a client that found a school by name opens that school's calendar with it, even when the school's own
// code is not its node's code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

describe('a school’s node in the school list', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ canteens: 20 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names the node of each school, by which its calendar is read', async () => {
    const school = t.dataset.schools[0]!;
    const node = t.dataset.jurisdictions.find((j) => j.id === school.jurisdictionId)!;
    // The school's registered code and its node's code are separate fields: make them differ.
    await t
      .db('schools')
      .where({ id: school.id })
      .update({ code: `X${school.code}` });
    const token = await t.login(`county.${school.countyCode}`);

    const page = await t.request('GET', `/api/schools?county=${school.countyCode}&q=${encodeURIComponent(school.name)}`, { token });
    expect(page.status).toBe(200);
    const listed = page.body.items.find((item: { id: string }) => item.id === school.id);
    expect(listed).toMatchObject({ code: `X${school.code}`, nodeCode: node.code, name: school.name });

    const calendar = await t.request('GET', `/api/school-calendar?at=${listed.nodeCode}`, { token });
    expect(calendar.status).toBe(200);
    expect(calendar.body.node).toEqual({ code: node.code, name: node.name, level: 'school' });
    expect(calendar.body.canEdit).toBe(true);

    const detail = await t.request('GET', `/api/schools/${school.id}`, { token });
    expect(detail.body.nodeCode).toBe(node.code);
  });
});
