// The renderer's realtime client against a real server: it keeps its place in the event log, so what was
// written while it was away reaches it when it is back — also when it had seen no event at all yet (a new
// command room on an empty log), and also in a new client of the same tab (a reload keeps sessionStorage).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../tests/support/test-server';
import type { EventMessage } from '../api/types';
import { RealtimeClient } from './realtime-client';

class MemoryStorage {
  private readonly values = new Map<string, string>();
  getItem = (key: string) => this.values.get(key) ?? null;
  setItem = (key: string, value: string) => void this.values.set(key, value);
}

describe('the realtime client', () => {
  let t: TestServer;
  let cityToken: string;
  let countyToken: string;
  let schools: string[];

  const notice = async (schoolId: string, note: string) => {
    const { version } = (await t.db('schools').where({ id: schoolId }).first('version')) as { version: number };
    const response = await t.request('PATCH', `/api/schools/${schoolId}`, { token: cityToken, body: { version, publicNotice: note } });
    expect(response.status).toBe(200);
  };
  const watch = (client: RealtimeClient) => {
    const notes: string[] = [];
    client.onEvents((events: EventMessage[]) => {
      for (const event of events) {
        if (event.type === 'school.updated') notes.push((event.data.changes as { publicNotice: string }).publicNotice);
      }
    });
    return notes;
  };
  const live = (client: RealtimeClient) => expect.poll(() => client.getSnapshot().state).toBe('live');

  beforeAll(async () => {
    t = await startTestServer();
    cityToken = await t.login('city.admin');
    countyToken = await t.login('county.130822');
    schools = t.dataset.schools.filter((school) => school.countyCode === '130822').map((school) => school.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('receives what was written while it was away, though it had seen no event before', async () => {
    const headBefore = Number(((await t.db('event_log').max('seq as seq').first()) as { seq: number | null }).seq ?? 0);
    const client = new RealtimeClient(new MemoryStorage(), { url: t.url, token: countyToken });
    const notes = watch(client);
    client.start();
    await live(client);
    // Its place is the head of the log when it connected, whatever that is (0 on an empty log).
    expect(client.getSnapshot().seq).toBe(headBefore);

    client.stop();
    await notice(schools[0]!, 'while away 1');
    await notice(schools[1] ?? schools[0]!, 'while away 2');
    client.start();
    await live(client);
    await expect.poll(() => notes).toEqual(['while away 1', 'while away 2']);

    await notice(schools[0]!, 'live');
    await expect.poll(() => notes).toEqual(['while away 1', 'while away 2', 'live']);
    client.stop();
  });

  it('resumes in a new client of the same tab from the place the last one kept', async () => {
    const storage = new MemoryStorage();
    const first = new RealtimeClient(storage, { url: t.url, token: countyToken });
    first.start();
    await live(first);
    first.stop();

    await notice(schools[0]!, 'during the reload');
    const second = new RealtimeClient(storage, { url: t.url, token: countyToken });
    const notes = watch(second);
    second.start();
    await live(second);
    await expect.poll(() => notes).toEqual(['during the reload']);
    second.stop();
  });
});
