// Evidence clips end to end: a simulated RTSP camera recorded by a real relay process, an alert raised on it,
// and the clip job cutting the window out of the recording through the server's relay link. The job is run
// here by hand (the scheduler is off in tests) as the scheduler would run it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClips } from '../fixtures/media/clips';
import { startSimulatedCameras, type SimulatedCameraServer } from '../fixtures/rtsp';
import { clipStorageKey, runClipJob } from '../server/alerts/clips/clip-job';
import { mediaSeconds } from '../server/alerts/clips/cut-clip';
import { claimDueClips } from '../server/alerts/clips/queries';
import { createServiceToken } from '../server/auth/commands/createServiceToken';
import { RelayDirectory } from '../server/cameras/video/relay-directory';
import { systemActor } from '../server/policy/actor';
import { ffmpegPath } from '../stream-relay/ffmpeg';
import { startRelayProcess, type RelayProcess } from '../stream-relay/testing/relay-process';
import { putSetting } from './support/settings';
import { waitUntil } from './support/sockets';
import { startTestServer, type TestServer } from './support/test-server';

const XINGLONG = '130822';
const LUANPING = '130824';
const BEFORE_SECONDS = 2;
const AFTER_SECONDS = 3;

type AlertAnswer = { id: string; firstSeenAt: string; clip: { status: string; url?: string; seconds?: number } | null };

describe('evidence clips of alerts', () => {
  let t: TestServer;
  let relay: RelayProcess;
  let cameras: SimulatedCameraServer;
  let analytics: string;
  let directory: RelayDirectory;
  let schoolCode = '';
  const ids = { recorded: '', unrecorded: '' };
  const relayDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-clip-relay-'));

  beforeAll(async () => {
    t = await startTestServer({ canteens: 40 });
    directory = new RelayDirectory(t.db, () => t.server.ctx.now(), t.server.ctx.config.relayHeartbeatSeconds);
    const school = t.dataset.schools.find(
      (s) => s.countyCode === XINGLONG && t.dataset.cameras.filter((c) => c.schoolId === s.id).length >= 2,
    )!;
    schoolCode = school.code;
    const [recorded, unrecorded] = t.dataset.cameras.filter((c) => c.schoolId === school.id);
    ids.recorded = recorded!.id;
    ids.unrecorded = unrecorded!.id;
    const clips = await ensureClips(path.join(os.tmpdir(), 'canteen-command-clips'));
    cameras = await startSimulatedCameras({ port: 0, cameras: [{ path: 'kitchen', clip: clips.pattern }] });
    await t
      .db('cameras')
      .where({ id: ids.recorded })
      .update({ stream_url: cameras.url('kitchen'), ingest: true, codec: 'h264' });
    await t.db('cameras').where({ id: ids.unrecorded }).update({ ingest: false });

    const admin = await t.login('city.admin');
    expect((await putSetting(t, admin, 'alerts.clipSecondsBefore', BEFORE_SECONDS)).status).toBe(200);
    expect((await putSetting(t, admin, 'alerts.clipSecondsAfter', AFTER_SECONDS)).status).toBe(200);

    const actor = { actor: systemActor('test') };
    analytics = (await createServiceToken(t.server.ctx, actor, { name: 'clip-analytics', kind: 'analytics' })).token;
    const relayToken = (await createServiceToken(t.server.ctx, actor, { name: 'clip-relay', kind: 'relay' })).token;
    relay = await startRelayProcess({
      SERVER_URL: t.url,
      RELAY_TOKEN: relayToken,
      RELAY_ID: 'clip-relay',
      DATA_DIR: relayDataDir,
      RELAY_SEGMENT_SECONDS: '2',
      RELAY_STALL_SECONDS: '3',
      RELAY_HEALTH_SECONDS: '2',
    });
    // Recorded long enough that an alert 15 s ago has its whole window on disk.
    await waitUntil(
      async () => {
        const since = await recordedSince(admin);
        return since !== null && Date.now() - since >= 20_000;
      },
      60_000,
      'twenty seconds recorded',
    );
  }, 120_000);

  afterAll(async () => {
    await relay?.stop();
    await cameras?.stop();
    await t?.close();
    fs.rmSync(relayDataDir, { recursive: true, force: true });
  });

  /** When the recorded camera's recording began, from its segments of the last minute. */
  async function recordedSince(token: string): Promise<number | null> {
    const now = Date.now();
    const query = new URLSearchParams({ from: new Date(now - 60_000).toISOString(), to: new Date(now).toISOString() });
    const answer = await t.request<{ segments: Array<{ start: string }> }>('GET', `/api/cameras/${ids.recorded}/recordings?${query}`, {
      token,
    });
    const first = answer.status === 200 ? answer.body.segments[0] : undefined;
    return first ? Date.parse(first.start) : null;
  }

  async function raise(cameraId: string, category: string, secondsAgo: number): Promise<string> {
    const detectedAt = new Date(Date.now() - secondsAgo * 1000).toISOString();
    const answer = await t.request<{ alert: { id: string } }>('POST', '/api/alerts', {
      token: analytics,
      body: { source: 'ai', category, cameraId, confidence: 0.9, detectedAt, idempotencyKey: crypto.randomUUID() },
    });
    expect(answer.status, answer.text).toBeLessThan(300);
    return answer.body.alert.id;
  }

  /** One run of the job, after the data set's own alerts have had theirs (none of its cameras is recorded). */
  const runJob = async () => {
    while ((await runClipJob(t.server.ctx, directory)).enrolled > 0);
  };
  const clipFiles = () => fs.readdirSync(path.join(t.server.ctx.config.dataDir, 'clips')).filter((name) => name.endsWith('.mp4'));

  it(
    'cuts the window around the first detection from the recording and serves it to users in scope only',
    { timeout: 60_000 },
    async () => {
      const alertId = await raise(ids.recorded, 'no_chef_hat', 15);
      await runJob();
      const manager = await t.login(`school.${schoolCode}`);
      const shown = await t.request<AlertAnswer>('GET', `/api/alerts/${alertId}`, { token: manager });
      expect(shown.body.clip).toMatchObject({ status: 'ready', url: `/api/alerts/${alertId}/clip` });

      const clip = await fetch(`${t.url}/api/alerts/${alertId}/clip`, { headers: { authorization: `Bearer ${manager}` } });
      expect(clip.status).toBe(200);
      expect(clip.headers.get('content-type')).toBe('video/mp4');
      const bytes = Buffer.from(await clip.arrayBuffer());
      expect(bytes.subarray(4, 8).toString()).toBe('ftyp');
      const file = path.join(os.tmpdir(), `cc-clip-${alertId}.mp4`);
      fs.writeFileSync(file, bytes);
      const seconds = await mediaSeconds(ffmpegPath(), file);
      fs.rmSync(file);
      // From the keyframe at or before (first seen − 2 s) to first seen + 3 s: the clips have a keyframe a second.
      expect(seconds).toBeGreaterThanOrEqual(BEFORE_SECONDS + AFTER_SECONDS - 0.2);
      expect(seconds).toBeLessThanOrEqual(BEFORE_SECONDS + AFTER_SECONDS + 1.2);
      expect(shown.body.clip!.seconds).toBeCloseTo(seconds!, 0);

      // A player's seek: a byte range.
      const part = await fetch(`${t.url}/api/alerts/${alertId}/clip`, {
        headers: { authorization: `Bearer ${manager}`, range: 'bytes=0-99' },
      });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 0-99/${bytes.length}`);
      expect((await part.arrayBuffer()).byteLength).toBe(100);

      // Another county's operator: exactly as if there were no such alert.
      const foreign = await t.login(`county.${LUANPING}`);
      const refused = await t.request('GET', `/api/alerts/${alertId}/clip`, { token: foreign });
      expect(refused.status).toBe(404);
      expect(await t.request('GET', `/api/alerts/${crypto.randomUUID()}/clip`, { token: manager })).toMatchObject({ status: 404 });

      // It counts on the city administrator's storage page.
      const storage = await t.request<{ clips: { count: number; bytes: number; usedBytes: number } }>('GET', '/api/system/storage', {
        token: await t.login('city.admin'),
      });
      expect(storage.body.clips.count).toBeGreaterThanOrEqual(1);
      expect(storage.body.clips.bytes).toBeGreaterThanOrEqual(bytes.length);
    },
  );

  it(
    'is unavailable when the camera is not recorded, and waits while its window is still being recorded',
    { timeout: 60_000 },
    async () => {
      const unrecorded = await raise(ids.unrecorded, 'no_mask', 15);
      const fresh = await raise(ids.recorded, 'smoking', 0);
      await runJob();
      const token = await t.login('city.duty');
      const first = await t.request<AlertAnswer>('GET', `/api/alerts/${unrecorded}`, { token });
      expect(first.body.clip).toEqual({ status: 'unavailable' });
      expect((await t.request('GET', `/api/alerts/${unrecorded}/clip`, { token })).status).toBe(404);
      const second = await t.request<AlertAnswer>('GET', `/api/alerts/${fresh}`, { token });
      expect(second.body.clip).toEqual({ status: 'pending' });
    },
  );

  it('a process that dies mid-cut loses nothing and makes no second clip', { timeout: 60_000 }, async () => {
    const alertId = await raise(ids.recorded, 'rodent', 15);
    await runJob();
    // Make the alert's clip due again as if it had never been cut, then let a process claim it and die
    // (its claim held, a half-written file left behind by the storage's write-then-rename).
    await t.db('alert_clips').where({ alert_id: alertId }).update({ status: 'pending', storage_key: null, bytes: null, seconds: null });
    const dead = await claimDueClips(t.server.ctx, 10, 5 * 60_000);
    expect(dead.map((clip) => clip.alert_id)).toContain(alertId);
    const leftover = path.join(t.server.ctx.config.dataDir, `${clipStorageKey(alertId)}.99999.tmp`);
    fs.writeFileSync(leftover, 'half a clip');

    // While its lease holds, no one else takes it.
    await runJob();
    expect((await t.db('alert_clips').where({ alert_id: alertId }).first('status')).status).toBe('pending');

    // The lease runs out (the process is gone): two processes' runs at once cut it once.
    await t
      .db('alert_clips')
      .where({ alert_id: alertId })
      .update({ claimed_until: new Date(Date.now() - 1000) });
    await Promise.all([runJob(), runJob()]);
    const rows = await t.db('alert_clips').where({ alert_id: alertId });
    expect(rows).toHaveLength(1);
    // Claimed three times in all: the first cut, the process that died, and one of the two runs after it.
    expect(rows[0]).toMatchObject({ status: 'ready', storage_key: clipStorageKey(alertId), tries: 3, claim_id: null });
    expect(clipFiles().filter((name) => name.startsWith(alertId))).toEqual([`${alertId}.mp4`]);
    fs.rmSync(leftover);
  });
});
