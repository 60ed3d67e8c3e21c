// A pool of stream relays, each its own process, against one server: the cameras are shared among them with
// each camera pulled by exactly one; a relay killed outright has its cameras taken over by the others (the
// survivors keep theirs) once it has missed MISSED_HEARTBEATS heartbeats; a heartbeat that brings its cursor
// learns only what changed; and an RTSP camera pulled on demand runs ffmpeg only while something holds it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClips } from '../fixtures/media/clips';
import { startSimulatedCameras, type SimulatedCameraServer } from '../fixtures/rtsp';
import { createServiceToken } from '../server/auth/commands/createServiceToken';
import { systemActor } from '../server/policy/actor';
import { MISSED_HEARTBEATS } from '../server/relays/queries';
import type { HeartbeatResponse } from '../stream-relay/protocol';
import { startRelayProcess, type RelayProcess } from '../stream-relay/testing/relay-process';
import { waitUntil } from './support/sockets';
import { startTestServer, type TestServer } from './support/test-server';

const HEARTBEAT_SECONDS = 1;
const CONNECTED = 24;
const POOL = ['pool-a', 'pool-b', 'pool-c'] as const;

describe('a pool of stream relays', () => {
  let t: TestServer;
  let simulated: SimulatedCameraServer;
  let dataDir: string;
  let connected: string[];
  const relays = new Map<string, RelayProcess>();
  const system = { actor: systemActor('test') };

  /** Which cameras each running relay runs, from its own /health. */
  const running = async (ids: readonly string[]) =>
    new Map(await Promise.all(ids.map(async (id) => [id, (await relays.get(id)!.health()).cameras.map((c) => c.id)] as const)));

  /** Every connected camera is run by exactly one of these relays. */
  const coveredOnceBy = async (ids: readonly string[]) => {
    const all = [...(await running(ids)).values()].flat();
    return all.length === connected.length && new Set(all).size === connected.length && connected.every((id) => all.includes(id));
  };

  beforeAll(async () => {
    t = await startTestServer({ canteens: 12, env: { RELAY_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS) } });
    const clips = await ensureClips(path.join(os.tmpdir(), 'canteen-command-clips'));
    simulated = await startSimulatedCameras({ cameras: [{ path: 'cam0', clip: clips.pattern }] });
    connected = t.dataset.cameras.slice(0, CONNECTED).map((camera) => camera.id);
    await t.db('cameras').whereIn('id', connected).update({ ingest: true, codec: 'h264' });
    // One camera is real (a simulated one), the others point where nothing answers: pulled on demand, none runs ffmpeg.
    await t
      .db('cameras')
      .where({ id: connected[0] })
      .update({ stream_url: simulated.url('cam0') });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-pool-'));
    for (const relayId of POOL) {
      const token = await createServiceToken(t.server.ctx, system, { name: relayId, kind: 'relay' });
      const relay = await startRelayProcess({
        SERVER_URL: t.url,
        RELAY_TOKEN: token.token,
        RELAY_ID: relayId,
        DATA_DIR: dataDir,
        RELAY_RTSP_PULL: 'on-demand',
        RELAY_RTSP_IDLE_SECONDS: '1',
        RELAY_HEALTH_SECONDS: '1',
      });
      relays.set(relayId, relay);
    }
  });
  afterAll(async () => {
    for (const relay of relays.values()) await relay.stop();
    await simulated?.stop();
    await t?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('shares the cameras, each pulled by one relay, and moves a killed relay’s cameras to the others', async () => {
    // The relays register one after another: the last to join takes its share from the others.
    const everyOneHasAShare = async () => [...(await running(POOL)).values()].every((ids) => ids.length > 0);
    await waitUntil(
      async () => (await everyOneHasAShare()) && coveredOnceBy(POOL),
      30_000,
      'every connected camera run by exactly one relay of the pool, each relay with a share',
    );
    const before = await running(POOL);

    const killed = 'pool-c';
    relays.get(killed)!.child.kill('SIGKILL');
    // The survivor's heartbeats from the kill until the others run every camera: each is one new last_seen_at.
    const beats = new Set<number>();
    const survivors = POOL.filter((id) => id !== killed);
    await waitUntil(
      async () => {
        const row = (await t.db('relays').where({ id: 'pool-a' }).first('last_seen_at')) as { last_seen_at: Date };
        beats.add(row.last_seen_at.getTime());
        return coveredOnceBy(survivors);
      },
      60_000,
      `the cameras of ${killed} taken over`,
    );
    relays.delete(killed);
    // Presumed dead after MISSED_HEARTBEATS, its cameras go out with the next heartbeat (the one that noticed,
    // and the other survivor's next one).
    expect(beats.size - 1).toBeLessThanOrEqual(MISSED_HEARTBEATS + 2);
    const after = await running(survivors);
    for (const relayId of survivors) expect(after.get(relayId)).toEqual(expect.arrayContaining(before.get(relayId)!));
    expect([...after.values()].flat()).toEqual(expect.arrayContaining(before.get(killed)!));
  });

  it('pulls an RTSP camera on demand only while held: a snapshot starts its ffmpeg, which ends after the grace', async () => {
    const cameraId = connected[0]!;
    const holder = async () => {
      for (const relay of relays.values()) {
        const camera = (await relay.health()).cameras.find((c) => c.id === cameraId);
        if (camera) return camera;
      }
      return undefined;
    };
    // Idle: no ffmpeg, and online because it answers RTSP.
    await expect.poll(async () => (await holder())?.status).toBe('online');
    expect((await holder())?.ffmpegPid).toBeNull();

    const admin = await t.login('city.admin');
    const shot = await fetch(`${t.url}/api/cameras/${cameraId}/snapshot`, { headers: { authorization: `Bearer ${admin}` } });
    expect(shot.status).toBe(200);
    expect(shot.headers.get('content-type')).toBe('image/jpeg');
    await expect.poll(async () => (await holder())?.ffmpegPid).toEqual(expect.any(Number));
    // The snapshot's hold ends, then the grace: ffmpeg ends and the camera is idle again.
    await expect.poll(async () => (await holder())?.ffmpegPid, { timeout: 30_000 }).toBeNull();
  });

  it('answers a heartbeat that brings its cursor with only what changed', async () => {
    const token = (await createServiceToken(t.server.ctx, system, { name: 'pool-http', kind: 'relay' })).token;
    const beat = async (assignmentCursor?: string) => {
      const answer = await t.request<HeartbeatResponse>('POST', '/api/relays/heartbeat', {
        token,
        body: { relayId: 'pool-http', url: 'http://127.0.0.1:1/pool-http', cameras: [], ...(assignmentCursor ? { assignmentCursor } : {}) },
      });
      expect(answer.status).toBe(200);
      return answer.body;
    };
    const whole = await beat();
    expect(whole.assignment?.whole).toBe(true);
    expect(whole.cameras.length).toBeGreaterThan(1);
    const quiet = await beat(whole.assignment!.cursor);
    expect(quiet).toMatchObject({ cameras: [], removed: [], assignment: { whole: false } });

    const admin = await t.login('city.admin');
    const [moved, dropped] = whole.cameras.map((camera) => camera.id);
    const edit = async (id: string, body: object) => {
      const { version } = (await t.db('cameras').where({ id }).first('version')) as { version: number };
      expect((await t.request('PATCH', `/api/cameras/${id}`, { token: admin, body: { version, ...body } })).status).toBe(200);
    };
    await edit(moved!, { streamUrl: 'rtsp://127.0.0.1:9/moved' });
    await edit(dropped!, { connected: false });
    const changes = await beat(quiet.assignment!.cursor);
    expect(changes.assignment?.whole).toBe(false);
    expect(changes.cameras).toEqual([expect.objectContaining({ id: moved, url: 'rtsp://127.0.0.1:9/moved' })]);
    expect(changes.removed).toEqual([dropped]);
    // A cursor never handed out (another database, say) gets the whole list again.
    expect((await beat('999999999')).assignment?.whole).toBe(true);
  });
});
