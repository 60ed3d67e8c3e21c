// `npm start` as a real process: first start seeds the demo and prints the logins; a restart just starts;
// sessions survive; a connected client reconnects by itself and receives the events it missed, in order.
import { describe, expect, it } from 'vitest';
import { TestSocket, type ReceivedEvent } from './support/sockets';
import { useServerProcesses } from './support/process-rig';
import { loginAt, request } from './support/test-server';

const PASSWORD = 'restart-Test-1';

describe('a server process killed and restarted', () => {
  const rig = useServerProcesses(PASSWORD);

  it('resumes every missed event across the restart, in order, without duplicates', async () => {
    let server = await rig.restart();
    expect(server.stdout()).toContain('Loaded the 承德市 (Chengde) demo');
    expect(server.stdout()).toContain('county.130822');
    const url = server.url;
    const token = await loginAt(url, 'county.130822', PASSWORD);
    const schools = (await request(url, 'GET', '/api/schools?pageSize=3', { token })).body.items as Array<{ id: string }>;
    const edit = async (id: string, note: string) => {
      const detail = await request(url, 'GET', `/api/schools/${id}`, { token });
      const response = await request(url, 'PATCH', `/api/schools/${id}`, {
        token,
        body: { version: detail.body.version, publicNotice: note },
      });
      expect(response.status).toBe(200);
    };

    const client = new TestSocket(url, token, 0);
    const edits = () => client.events.filter((event) => event.type === 'school.updated');
    const notesOf = (events: ReceivedEvent[]) => events.map((e) => (e.data.changes as { publicNotice: string }).publicNotice);
    await client.ready();
    await edit(schools[0]!.id, 'before restart');
    await client.waitForEvents(() => edits().length === 1);

    expect(await server.stop('SIGTERM')).toBe(0);
    server = await rig.restart();
    expect(server.stdout()).not.toContain('Loaded the ');

    // The session was kept in the database: the same token works after the restart.
    await edit(schools[1]!.id, 'missed 1');
    await edit(schools[2]!.id, 'missed 2');
    await edit(schools[0]!.id, 'missed 3');
    await client.waitForEvents(() => edits().length >= 4, 20_000);
    await client.ready(2);
    await edit(schools[1]!.id, 'live after restart');
    await client.waitForEvents(() => edits().length >= 5);
    // Events arrive in order: once a last edit is in, no duplicate of an earlier one is still on its way.
    await edit(schools[2]!.id, 'last');
    await client.waitForEvents(() => notesOf(edits()).includes('last'));

    // Only the edits: scheduled jobs (risk grading, patrol plans) may announce their own work meanwhile.
    expect(notesOf(edits())).toEqual(['before restart', 'missed 1', 'missed 2', 'missed 3', 'live after restart', 'last']);
    const seqs = client.events.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
    client.close();
  }, 180_000);

  it('after an abrupt kill, keeps every acknowledged write and its event', async () => {
    let server = await rig.restart();
    const url = server.url;
    const token = await loginAt(url, 'city.admin', PASSWORD);
    const school = (await request(url, 'GET', '/api/schools?pageSize=1', { token })).body.items[0] as { id: string };
    const detail = await request(url, 'GET', `/api/schools/${school.id}`, { token });
    const response = await request(url, 'PATCH', `/api/schools/${school.id}`, {
      token,
      body: { version: detail.body.version, principal: '赵校长' },
    });
    expect(response.status).toBe(200);
    type Event = { seq: number; subject: { id: string }; data: { changes: { principal?: string } } };
    const isTheEdit = (event: Event) => event.subject.id === school.id && event.data.changes.principal === '赵校长';
    const before = (await request(url, 'GET', '/api/events?since=0&limit=1000', { token })).body.events as Event[];
    const edit = before.find(isTheEdit)!;
    expect(edit).toBeDefined();

    server = await rig.restart('SIGKILL');
    const after = await request(server.url, 'GET', `/api/schools/${school.id}`, { token });
    expect(after.body.principal).toBe('赵校长');
    // The edit's event survives at its seq (scheduled jobs of either process may have written others around it).
    const replay = (await request(server.url, 'GET', `/api/events?since=${edit.seq - 1}`, { token })).body.events as Event[];
    expect(replay[0]).toEqual(edit);
    expect(replay.filter(isTheEdit)).toHaveLength(1);
  }, 180_000);
});
