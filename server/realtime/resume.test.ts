// Resume by sequence number: a client that reconnects with `{ since }` gets exactly the events of its scope
// that it missed, in order, then live ones — also while events are being written during its catch-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSocket, sleep } from '../../tests/support/sockets';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

describe('resume by seq', () => {
  let t: TestServer;
  let cityToken: string;
  let countyToken: string;
  let xlSchools: string[];
  let lpSchool: string;

  const version = async (id: string) => ((await t.db('schools').where({ id }).first('version')) as { version: number }).version;
  const touch = async (id: string, note: string) => {
    const response = await t.request('PATCH', `/api/schools/${id}`, {
      token: cityToken,
      body: { version: await version(id), publicNotice: note },
    });
    expect(response.status).toBe(200);
  };
  const inScopeSeqs = async (nodeCode: string, after: number) =>
    (
      (await t
        .db('event_log')
        .where('seq', '>', after)
        .whereRaw('scope_nodes @> ARRAY[?]::text[]', [nodeCode])
        .orderBy('seq')
        .select('seq')) as Array<{ seq: number }>
    ).map((row) => Number(row.seq));

  const notesOf = (client: TestSocket) => client.events.map((e) => (e.data.changes as { publicNotice: string }).publicNotice);
  /** Events reach a client in order: once a last edit is in, nothing earlier (a duplicate) is still on its way. */
  let settled = 0;
  const settle = async (clients: TestSocket[]) => {
    const last = `last ${(settled += 1)}`;
    await touch(xlSchools[0]!, last);
    for (const client of clients) await client.waitForEvents(() => notesOf(client).includes(last));
  };

  beforeAll(async () => {
    t = await startTestServer();
    cityToken = await t.login('city.admin');
    countyToken = await t.login('county.130822');
    xlSchools = t.dataset.schools.filter((s) => s.countyCode === '130822').map((s) => s.id);
    lpSchool = t.dataset.schools.find((s) => s.countyCode === '130824')!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('replays what a client missed while disconnected, only in its scope, in order, without duplicates', async () => {
    const client = new TestSocket(t.url, countyToken, 0);
    await client.ready();
    await touch(xlSchools[0]!, 'one');
    await client.waitForEvents((events) => events.length === 1);
    client.socket.disconnect();

    await touch(xlSchools[0]!, 'two');
    await touch(lpSchool, 'elsewhere');
    await touch(xlSchools[1] ?? xlSchools[0]!, 'three');

    client.socket.connect();
    await client.ready(2);
    await touch(xlSchools[0]!, 'four (live)');
    await client.waitForEvents((events) => events.length === 4);
    await settle([client]);
    expect(notesOf(client)).toEqual(['one', 'two', 'three', 'four (live)', 'last 1']);
    const seqs = client.events.map((e) => e.seq);
    expect(seqs).toEqual(await inScopeSeqs('130822', 0));
    client.close();
  });

  it('loses and repeats nothing when events are written while a client catches up', async () => {
    const start = Number(((await t.db('event_counter').first('last_seq')) as { last_seq: number }).last_seq);
    const writer = (async () => {
      for (let i = 0; i < 40; i += 1) await touch(xlSchools[i % xlSchools.length]!, `burst ${i}`);
    })();
    const clients: TestSocket[] = [];
    for (let i = 0; i < 6; i += 1) {
      clients.push(new TestSocket(t.url, countyToken, 0));
      await sleep(40);
    }
    await writer;
    await settle(clients);
    const expected = await inScopeSeqs('130822', 0);
    for (const client of clients) {
      expect(client.events.map((e) => e.seq)).toEqual(expected);
      client.close();
    }
    expect(expected.at(-1)).toBeGreaterThan(start);
  });

  it('tells a client that is ahead of the server to reload its state', async () => {
    const client = new TestSocket(t.url, countyToken, 10_000_000);
    await client.ready();
    expect(client.resyncs).toHaveLength(1);
    expect(client.resyncs[0]).toBeGreaterThan(0);
    expect(client.lastSeq).toBeLessThan(10_000_000);
    await touch(xlSchools[0]!, 'after resync');
    await client.waitForEvents((events) => events.length === 1);
    client.close();
  });

  it('serves the same scoped stream over HTTP', async () => {
    const response = await t.request('GET', '/api/events?since=0&limit=1000', { token: countyToken });
    expect(response.status).toBe(200);
    expect(response.body.events.map((e: { seq: number }) => e.seq)).toEqual(await inScopeSeqs('130822', 0));
  });
});
