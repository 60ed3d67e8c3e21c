// 挂账督办 → 销号整改 through HTTP, by each role: the city dispatches to a county, the county forwards to two
// schools, the schools rectify with photos (one is returned once), the county approves, the parent goes back
// to the city, the city closes it. Every refusal answers 409 with the allowed actions or 404 outside scope,
// and each action's event reaches exactly the sockets in scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithExif, upload } from '../../tests/support/images';
import { settleSockets } from '../../tests/support/settings';
import { TestSocket } from '../../tests/support/sockets';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

type Who = 'duty' | 'admin' | 'xl' | 'lp' | 'xlA' | 'xlB' | 'lpS';

describe('task lifecycle', () => {
  let t: TestServer;
  const token = {} as Record<Who, string>;
  const sockets = {} as Record<Who, TestSocket>;
  let schoolA: { id: string; code: string };
  let schoolB: { id: string; code: string };
  let lpSchool: { id: string; code: string };

  const act = (who: Who, id: string, body: object) => t.request('POST', `/api/tasks/${id}/actions`, { token: token[who], body });
  const get = (who: Who, id: string) => t.request('GET', `/api/tasks/${id}`, { token: token[who] });
  const photo = async (who: Who) => (await upload(t.url, token[who], await jpegWithExif())).body.id as string;
  const taskEvents = (who: Who) => sockets[who].events.filter((e) => e.type.startsWith('task.'));

  beforeAll(async () => {
    t = await startTestServer();
    const xinglong = t.dataset.schools.filter((s) => s.countyCode === '130822');
    expect(xinglong.length).toBeGreaterThanOrEqual(2);
    [schoolA, schoolB] = [xinglong[0]!, xinglong[1]!];
    lpSchool = t.dataset.schools.find((s) => s.countyCode === '130824')!;
    token.duty = await t.login('city.duty');
    token.admin = await t.login('city.admin');
    token.xl = await t.login('county.130822');
    token.lp = await t.login('county.130824');
    token.xlA = await t.login(`school.${schoolA.code}`);
    token.xlB = await t.login(`school.${schoolB.code}`);
    token.lpS = await t.login(`school.${lpSchool.code}`);
    for (const who of Object.keys(token) as Who[]) sockets[who] = new TestSocket(t.url, token[who]);
    await Promise.all(Object.values(sockets).map((s) => s.ready()));
  });
  afterAll(async () => {
    for (const socket of Object.values(sockets)) socket.close();
    await t?.close();
  });

  it('runs from dispatch to 销号 across city, county and schools', async () => {
    const deadline = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const created = await t.request('POST', '/api/tasks', {
      token: token.duty,
      body: { title: '后厨卫生专项整改', description: '请组织辖区学校食堂开展后厨卫生自查整改', assignee: '130822', deadline },
    });
    expect(created.status).toBe(201);
    const parentId = created.body.id as string;
    expect(created.body).toMatchObject({
      state: 'dispatched',
      assignee: { code: '130822' },
      issuer: { code: '130800' },
      code: expect.stringMatching(/^RW\d{8}-\d{6}$/),
    });
    expect(created.body.allowedActions).toEqual(['cancel', 'remind', 'comment']);

    // Outside the task's branch it does not exist; inside, the wrong actor is told what is allowed.
    expect((await get('lp', parentId)).status).toBe(404);
    expect((await get('xlA', parentId)).status).toBe(404);
    expect((await act('lp', parentId, { action: 'accept', version: 1 })).status).toBe(404);
    const wrong = await act('duty', parentId, { action: 'accept', version: 1 });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error).toMatchObject({
      code: 'illegal_transition',
      details: { state: 'dispatched', allowed: ['cancel', 'remind', 'comment'] },
    });

    const accepted = await act('xl', parentId, { action: 'accept', version: 1, note: '已签收' });
    expect(accepted.body.state).toBe('accepted');
    const stale = await act('xl', parentId, { action: 'forward', version: 1, schools: [schoolA.code] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');

    const foreign = await act('xl', parentId, { action: 'forward', version: 2, schools: [lpSchool.code] });
    expect(foreign.status).toBe(404);
    const forwarded = await act('xl', parentId, { action: 'forward', version: 2, schools: [schoolA.code, schoolB.code] });
    expect(forwarded.status).toBe(200);
    expect(forwarded.body.children).toHaveLength(2);
    expect(forwarded.body.openChildren).toBe(2);
    const childA = forwarded.body.children.find((c: { assignee: { code: string } }) => c.assignee.code === schoolA.code);
    const childB = forwarded.body.children.find((c: { assignee: { code: string } }) => c.assignee.code === schoolB.code);
    expect(childA).toMatchObject({ state: 'dispatched', issuer: { code: '130822' }, parentId });

    const early = await act('xl', parentId, { action: 'submit', version: forwarded.body.version, note: '完成' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('children_open');
    expect(early.body.error.details.allowed).not.toContain('submit');

    // School A: sees only its own task; must send a photo; is returned once.
    expect((await get('xlA', childB.id)).status).toBe(404);
    const acceptA = await act('xlA', childA.id, { action: 'accept', version: 1 });
    expect(acceptA.body.allowedActions).toEqual(['submit', 'comment']);
    const noPhoto = await act('xlA', childA.id, { action: 'submit', version: 2, note: '已整改', attachmentIds: [] });
    expect(noPhoto.status).toBe(400);
    const submitA = await act('xlA', childA.id, {
      action: 'submit',
      version: 2,
      note: '已清理地面油污并加盖垃圾桶',
      attachmentIds: [await photo('xlA')],
    });
    expect(submitA.body.state).toBe('submitted');
    const selfApprove = await act('xlA', childA.id, { action: 'approve', version: 3 });
    expect(selfApprove.status).toBe(409);
    expect(selfApprove.body.error.details.allowed).toEqual(['comment']);
    const returned = await act('xl', childA.id, { action: 'return', version: 3, reason: '照片不清晰，请补充垃圾桶加盖照片' });
    expect(returned.body).toMatchObject({ state: 'returned', returnCount: 1 });
    const again = await act('xlA', childA.id, { action: 'submit', version: 4, note: '已补充照片', attachmentIds: [await photo('xlA')] });
    expect(again.body.state).toBe('submitted');
    expect((await act('xl', childA.id, { action: 'approve', version: 5, note: '整改到位' })).body.state).toBe('closed');

    // School B; the county's approval of the last child sends the parent up to the city.
    await act('xlB', childB.id, { action: 'accept', version: 1 });
    await act('xlB', childB.id, { action: 'submit', version: 2, note: '已整改', attachmentIds: [await photo('xlB')] });
    await act('xl', childB.id, { action: 'approve', version: 3 });
    const parent = await get('duty', parentId);
    expect(parent.body).toMatchObject({ state: 'submitted', openChildren: 0 });
    const autoSubmit = parent.body.timeline.at(-1);
    expect(autoSubmit).toMatchObject({ action: 'submit', actor: { kind: 'system' }, details: { automatic: true } });
    expect(autoSubmit.attachmentIds).toHaveLength(3);
    expect(parent.body.allowedActions).toEqual(['approve', 'return', 'cancel', 'remind', 'comment']);

    expect((await act('duty', parentId, { action: 'remind', note: '请尽快复核' })).body.remindCount).toBe(1);
    const closed = await act('duty', parentId, { action: 'approve', version: parent.body.version, note: '销号' });
    expect(closed.body).toMatchObject({ state: 'closed', allowedActions: ['comment'] });
    expect(closed.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'dispatch',
      'accept',
      'forward',
      'submit',
      'remind',
      'approve',
    ]);

    // The school sees its evidence; the other county cannot fetch it.
    const evidence = again.body.timeline.at(-1).attachmentIds[0] as string;
    expect((await t.request('GET', `/api/attachments/${evidence}`, { token: token.duty })).status).toBe(200);
    expect((await t.request('GET', `/api/attachments/${evidence}`, { token: token.lp })).status).toBe(404);
    expect((await t.request('GET', `/api/attachments/${evidence}`, { token: token.xlB })).status).toBe(404);

    // Events: each actor heard exactly the tasks in its scope.
    await sockets.duty.waitForEvents((events) => events.some((e) => e.type === 'task.closed' && e.subject.id === parentId));
    await settleSockets(t, token.admin, Object.values(sockets));
    const subjects = (who: Who) => new Set(taskEvents(who).map((e) => e.subject.id));
    expect(subjects('duty')).toEqual(new Set([parentId, childA.id, childB.id]));
    expect(subjects('admin')).toEqual(new Set([parentId, childA.id, childB.id]));
    expect(subjects('xl')).toEqual(new Set([parentId, childA.id, childB.id]));
    expect(subjects('xlA')).toEqual(new Set([childA.id]));
    expect(subjects('xlB')).toEqual(new Set([childB.id]));
    expect(subjects('lp').size).toBe(0);
    expect(subjects('lpS').size).toBe(0);
    expect(
      taskEvents('xl')
        .filter((e) => e.subject.id === parentId)
        .map((e) => e.type),
    ).toEqual(['task.dispatched', 'task.accepted', 'task.forwarded', 'task.submitted', 'task.reminded', 'task.closed']);
  });

  it('lets exactly one of two reviewers approving at once succeed', async () => {
    const created = await t.request('POST', '/api/tasks', {
      token: token.duty,
      body: { title: '留样记录整改', assignee: schoolA.code, deadlineHours: 48 },
    });
    const id = created.body.id as string;
    await act('xlA', id, { action: 'accept', version: 1 });
    await act('xlA', id, { action: 'submit', version: 2, note: '已补齐留样记录', attachmentIds: [await photo('xlA')] });
    const results = await Promise.all([
      act('duty', id, { action: 'approve', version: 3 }),
      act('admin', id, { action: 'approve', version: 3 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('stale_version');
    const timeline = (await get('duty', id)).body.timeline.map((e: { action: string }) => e.action);
    expect(timeline.filter((a: string) => a === 'approve')).toHaveLength(1);
  });

  it('cancels a forwarded task with its open children', async () => {
    const created = await t.request('POST', '/api/tasks', {
      token: token.duty,
      body: { title: '晨检制度落实', assignee: '130822', deadlineHours: 72 },
    });
    const id = created.body.id as string;
    const forwarded = await act('xl', id, { action: 'forward', version: 1, schools: [schoolA.code] });
    const child = forwarded.body.children[0].id as string;
    const cancelled = await act('duty', id, { action: 'cancel', version: forwarded.body.version, reason: '重复下发' });
    expect(cancelled.body.state).toBe('cancelled');
    expect((await get('xlA', child)).body).toMatchObject({ state: 'cancelled', allowedActions: ['comment'] });
  });

  it('answers a retried dispatch with the first task', async () => {
    const body = { title: '许可证到期换证', assignee: schoolB.code, deadlineHours: 240, idempotencyKey: 'dispatch-retry-0001' };
    const first = await t.request('POST', '/api/tasks', { token: token.xl, body });
    const second = await t.request('POST', '/api/tasks', { token: token.xl, body });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(Number((await t.db('tasks').where({ idempotency_key: 'dispatch-retry-0001' }).count({ n: '*' }))[0]!.n)).toBe(1);
  });

  it('refuses dispatches that do not go down the tree', async () => {
    expect((await t.request('POST', '/api/tasks', { token: token.xl, body: { title: 'x', assignee: '130824' } })).status).toBe(404);
    expect((await t.request('POST', '/api/tasks', { token: token.xl, body: { title: 'x', assignee: lpSchool.code } })).status).toBe(404);
    expect((await t.request('POST', '/api/tasks', { token: token.xl, body: { title: 'x', assignee: '130822' } })).status).toBe(400);
    expect((await t.request('POST', '/api/tasks', { token: token.xlA, body: { title: 'x', assignee: schoolA.code } })).status).toBe(403);
    const past = await t.request('POST', '/api/tasks', {
      token: token.duty,
      body: { title: 'x', assignee: '130822', deadline: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);
  });

  it('lists an inbox with overdue tasks first and counts by state', async () => {
    const inbox = await t.request('GET', '/api/tasks?box=inbox&pageSize=100', { token: token.xlA });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.every((task: { assignee: { code: string } }) => task.assignee.code === schoolA.code)).toBe(true);
    const counts = await t.request('GET', '/api/tasks/counts?box=outbox', { token: token.duty });
    expect(counts.body.closed).toBeGreaterThanOrEqual(2);
    expect(counts.body.cancelled).toBeGreaterThanOrEqual(1);
    const open = await t.request('GET', '/api/tasks?state=dispatched,accepted,submitted,returned', { token: token.duty });
    expect(open.body.items.every((task: { state: string }) => task.state !== 'closed' && task.state !== 'cancelled')).toBe(true);
  });
});
