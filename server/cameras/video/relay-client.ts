// The server's requests to a relay, each with a token signed for one camera and one grant. A relay that does
// not answer in time is reported as unavailable (503), never as a server fault.
import {
  RecordingList,
  RELAY_PATHS,
  signRelayToken,
  type LiveFormat,
  type RecordingSegment,
  type RelayGrant,
} from '../../../stream-relay/protocol';
import { DomainError } from '../../errors';
import type { LiveRelay } from '../../relays/assignment';

const TOKEN_SECONDS = 60;
const relayUnavailable = (why: string) => new DomainError('unavailable', 'relay_unavailable', why);

export function relayToken(key: string, cameraId: string, grant: RelayGrant, subject: string, extra: { fmt?: LiveFormat; ss?: 1 } = {}) {
  const exp = Math.floor(Date.now() / 1000) + TOKEN_SECONDS;
  return { token: signRelayToken(key, { cam: cameraId, grant, exp, sub: subject, ...extra }), expiresAt: new Date(exp * 1000) };
}

/** The timeout covers the relay's answer, not the body: a playback stream may run for minutes. */
async function call(url: string, token: string, init: { timeoutMs: number; headers?: Record<string, string> }): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), init.timeoutMs);
  try {
    return await fetch(url, { headers: { authorization: `Bearer ${token}`, ...init.headers }, signal: controller.signal });
  } catch (error) {
    throw relayUnavailable(`The stream relay did not answer (${(error as Error).name})`);
  } finally {
    clearTimeout(timer);
  }
}

async function failure(response: Response): Promise<DomainError> {
  const text = await response.text().catch(() => '');
  if (response.status === 404) return relayUnavailable('The stream relay is not running this camera yet');
  return relayUnavailable(`The stream relay answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
}

export async function fetchSnapshot(relay: LiveRelay, key: string, cameraId: string, subject: string) {
  const { token } = relayToken(key, cameraId, 'snapshot', subject);
  const response = await call(relay.url + RELAY_PATHS.snapshot(cameraId), token, { timeoutMs: 8_000 });
  if (!response.ok) throw await failure(response);
  const capturedAt = response.headers.get('x-captured-at');
  return { jpeg: Buffer.from(await response.arrayBuffer()), capturedAt: capturedAt ? new Date(capturedAt) : new Date() };
}

export async function fetchRecordings(
  relay: LiveRelay,
  key: string,
  cameraId: string,
  range: { from: Date; to: Date },
  subject: string,
): Promise<RecordingSegment[]> {
  const { token } = relayToken(key, cameraId, 'recordings', subject);
  const query = new URLSearchParams({ from: range.from.toISOString(), to: range.to.toISOString() });
  const response = await call(`${relay.url}${RELAY_PATHS.recordings(cameraId)}?${query}`, token, { timeoutMs: 8_000 });
  if (!response.ok) throw await failure(response);
  return RecordingList.parse(await response.json()).segments;
}

/** Opens a playback range at the relay, passing the viewer's Range header through. */
export async function openPlayback(
  relay: LiveRelay,
  key: string,
  cameraId: string,
  range: { from: Date; to: Date },
  subject: string,
  byteRange: string | undefined,
): Promise<Response> {
  const { token } = relayToken(key, cameraId, 'playback', subject);
  const query = new URLSearchParams({ from: range.from.toISOString(), to: range.to.toISOString() });
  const response = await call(`${relay.url}${RELAY_PATHS.playback(cameraId)}?${query}`, token, {
    timeoutMs: 15_000,
    ...(byteRange ? { headers: { range: byteRange } } : {}),
  });
  if (!response.ok && response.status !== 416) throw await failure(response);
  return response;
}
