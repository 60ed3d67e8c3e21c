// Changing a setting as an administrator's screen does: read the version kept at the caller's node, send it
// back with the value (PUT /api/settings/:key refuses a stale one with 409).
import type { TestSocket } from './sockets';
import type { ApiResponse, TestServer } from './test-server';

type Requester = Pick<TestServer, 'request'>;

/** The version of the setting kept at the caller's own node, null when it keeps none. */
export async function settingVersion(t: Requester, token: string, key: string): Promise<string | null> {
  const response = await t.request<{ items: Array<{ key: string; version: string | null }> }>('GET', '/api/settings', { token });
  if (response.status !== 200) throw new Error(`GET /api/settings answered ${response.status}: ${response.text}`);
  const item = response.body.items.find((setting) => setting.key === key);
  if (!item) throw new Error(`no setting ${key}`);
  return item.version;
}

/** PUT /api/settings/:key with the version just read. */
export async function putSetting(t: Requester, token: string, key: string, value: unknown): Promise<ApiResponse<any>> {
  const version = await settingVersion(t, token, key);
  return t.request('PUT', `/api/settings/${key}`, { token, body: { value, version } });
}

const MARK_KEY = 'patrol.dailyTarget';

/**
 * Waits until each socket has received every event it was going to receive of what happened so far, instead
 * of a sleep that guesses how long delivery takes: the caller, at a node above all the sockets' users, sets
 * a setting to the value it already has, an event every socket beneath hears; events reach a socket in
 * sequence order, so once a socket has this mark nothing earlier is still on its way.
 */
export async function settleSockets(t: Requester, token: string, sockets: readonly TestSocket[]): Promise<void> {
  const listed = await t.request<{ items: Array<{ key: string; value: unknown }> }>('GET', '/api/settings', { token });
  const current = listed.body.items.find((setting) => setting.key === MARK_KEY)?.value;
  const marks = (socket: TestSocket) => socket.events.filter((e) => e.type === 'settings.updated' && e.subject.id === MARK_KEY).length;
  const before = sockets.map(marks);
  const put = await putSetting(t, token, MARK_KEY, current);
  if (put.status !== 200) throw new Error(`PUT /api/settings/${MARK_KEY} answered ${put.status}: ${put.text}`);
  await Promise.all(sockets.map((socket, i) => socket.waitForEvents(() => marks(socket) > before[i]!)));
}
