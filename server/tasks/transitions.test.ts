// Every action by every kind of actor on a task in every state, through HTTP: the API carries out exactly
// the actions it lists as allowed for that actor, refuses every other one with 409 and the allowed list,
// and answers 404 to actors outside the task's branch.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { jpegWithExif, upload } from '../../tests/support/images';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { TASK_ACTIONS, type TaskAction, type TaskState } from './state-machine';

type Actor = 'issuer' | 'assignee' | 'supervisor' | 'sameRoleElsewhere' | 'schoolElsewhere' | 'siblingSchool';

describe('every transition through HTTP', () => {
  let t: TestServer;
  const tokens = {} as Record<Actor, string>;
  let school: { code: string };
  let sibling: { code: string };
  let photo: () => Promise<string>;

  beforeAll(async () => {
    t = await startTestServer();
    const xinglong = t.dataset.schools.filter((s) => s.countyCode === '130822');
    school = xinglong[0]!;
    sibling = xinglong[1]!;
    const elsewhere = t.dataset.schools.find((s) => s.countyCode === '130824')!;
    tokens.issuer = await t.login('county.130822');
    tokens.assignee = await t.login(`school.${school.code}`);
    tokens.supervisor = await t.login('city.duty');
    tokens.sameRoleElsewhere = await t.login('county.130824');
    tokens.schoolElsewhere = await t.login(`school.${elsewhere.code}`);
    tokens.siblingSchool = await t.login(`school.${sibling.code}`);
    photo = async () => (await upload(t.url, tokens.assignee, await jpegWithExif())).body.id as string;
  });
  afterAll(async () => {
    await t?.close();
  });

  const act = (who: Actor, id: string, body: object) => t.request('POST', `/api/tasks/${id}/actions`, { token: tokens[who], body });

  /** A county task to the school, brought into the wanted state by its rightful actors. */
  async function taskIn(state: TaskState): Promise<{ id: string; version: number }> {
    const created = await t.request('POST', '/api/tasks', {
      token: tokens.issuer,
      body: { title: `状态 ${state}`, assignee: school.code, deadlineHours: 48 },
    });
    const id = created.body.id as string;
    let version = created.body.version as number;
    const step = async (who: Actor, body: object) => {
      const response = await act(who, id, { ...body, version });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      version = response.body.version;
    };
    if (state === 'cancelled') await step('issuer', { action: 'cancel', reason: '撤回' });
    if (['accepted', 'submitted', 'returned', 'closed'].includes(state)) await step('assignee', { action: 'accept' });
    if (['submitted', 'returned', 'closed'].includes(state))
      await step('assignee', { action: 'submit', note: '已整改', attachmentIds: [await photo()] });
    if (state === 'returned') await step('issuer', { action: 'return', reason: '请补充' });
    if (state === 'closed') await step('issuer', { action: 'approve' });
    return { id, version };
  }

  async function bodyFor(action: TaskAction, version: number): Promise<object> {
    switch (action) {
      case 'submit':
        return { action, version, note: '整改完成', attachmentIds: [await photo()] };
      case 'return':
      case 'cancel':
        return { action, version, reason: '理由' };
      case 'forward':
        // The task's own school, which every actor inside the branch may name (a school outside would be 404).
        return { action, version, schools: [school.code] };
      case 'comment':
        return { action, note: '备注' };
      case 'remind':
        return { action };
      default:
        return { action, version };
    }
  }

  const STATES: TaskState[] = ['dispatched', 'accepted', 'submitted', 'returned', 'closed', 'cancelled'];
  const INSIDE: Actor[] = ['issuer', 'assignee', 'supervisor'];
  const OUTSIDE: Actor[] = ['sameRoleElsewhere', 'schoolElsewhere', 'siblingSchool'];

  it.each(STATES)('a %s task: allowed actions succeed, the rest answer 409, outsiders 404', async (state) => {
    for (const who of INSIDE) {
      const probe = await taskIn(state);
      const allowed = (await t.request('GET', `/api/tasks/${probe.id}`, { token: tokens[who] })).body.allowedActions as TaskAction[];
      for (const action of TASK_ACTIONS) {
        // A fresh task for each allowed action, so that one action's effect does not hide another's.
        const task = allowed.includes(action) ? await taskIn(state) : probe;
        const response = await act(who, task.id, await bodyFor(action, task.version));
        if (allowed.includes(action)) {
          expect(response.status, `${who} ${action} on ${state}: ${JSON.stringify(response.body)}`).toBe(200);
        } else {
          expect(response.status, `${who} ${action} on ${state}`).toBe(409);
          expect(response.body.error.details.allowed).toEqual(allowed);
        }
      }
    }
    const task = await taskIn(state);
    for (const who of OUTSIDE) {
      expect((await t.request('GET', `/api/tasks/${task.id}`, { token: tokens[who] })).status).toBe(404);
      for (const action of TASK_ACTIONS)
        expect((await act(who, task.id, await bodyFor(action, task.version))).status, `${who} ${action}`).toBe(404);
    }
  });
});
