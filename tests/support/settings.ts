// Changing a setting as an administrator's screen does: read the version kept at the caller's node, send it
// back with the value (PUT /api/settings/:key refuses a stale one with 409).
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
