// The demo's cameras: a handful of real RTSP cameras on loopback (our own RTSP server looping clips made by
// ffmpeg, one with real people in it), mapped onto the demo cameras of three schools — among them the school
// and the county of the printed demo logins — so the relay, the video wall and the detector see real video.
// They stream at 300 kbit/s (the clips' demo profile), not a camera's 1.5–4 Mbit/s: the twelve of them record
// 2.7 MB a camera-minute, about 47 GB a day, instead of 17 MB and some 290 GB (bench/demo-recording.ts), and
// the relay's storage budget (RECORDINGS_MAX_GB, 20 by default) keeps the newest of it: about ten hours.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ensureClips, type ClipName, type ClipProfile } from '../../fixtures/media/clips';
import { startSimulatedCameras, type SimulatedCameraServer } from '../../fixtures/rtsp';
import type { DomainContext } from '../context';
import { runInTransaction } from '../db/unit-of-work';
import { systemActor } from '../policy/actor';

/** Counties whose first school (by code) gets simulated cameras: 兴隆县 (the demo logins), 双桥区, 滦平县. */
const DEMO_COUNTIES = ['130822', '130802', '130824'];
const CAMERAS_PER_SCHOOL = 4;
const CLIP_BY_AREA: Record<string, ClipName> = {
  cooking: 'people',
  prep: 'noise',
  storage: 'pattern',
  washing: 'substream',
  serving: 'people',
};

export interface DemoCameras {
  server: SimulatedCameraServer;
  cameras: number;
  stop(): Promise<void>;
}

export async function startDemoCameras(
  ctx: DomainContext,
  options: {
    port: number;
    dataDir: string;
    /** `demo` (the default): the clips at a bitrate a laptop can keep recording. */ profile?: ClipProfile;
  },
): Promise<DemoCameras> {
  const clips = await ensureClips(path.join(options.dataDir, 'clips'), options.profile ?? 'demo');
  // At most four cameras a school, the kitchen first: enough for a wall, light enough for a laptop.
  const chosen = (await ctx.db.raw(
    `SELECT id, area, scope_path FROM (
       SELECT m.id, m.area, m.scope_path, m.name,
         ROW_NUMBER() OVER (PARTITION BY m.school_id
           ORDER BY CASE m.area WHEN 'cooking' THEN 0 WHEN 'prep' THEN 1 WHEN 'serving' THEN 2 ELSE 3 END, m.name) AS nth
       FROM cameras m
       WHERE m.school_id IN (
         SELECT DISTINCT ON (j.code) s.id FROM schools s JOIN jurisdictions j ON s.scope_path LIKE j.path || '%'
         WHERE j.code IN (${DEMO_COUNTIES.map(() => '?').join(', ')}) ORDER BY j.code, s.code)
     ) ranked WHERE nth <= ${CAMERAS_PER_SCHOOL}
     ORDER BY scope_path, name`,
    DEMO_COUNTIES,
  )) as { rows: Array<{ id: string; area: string; scope_path: string }> };

  const credentials = { username: 'admin', password: randomBytes(9).toString('base64url') };
  const server = await startOnPort(options.port, (port) =>
    startSimulatedCameras({
      port,
      cameras: chosen.rows.map((camera) => ({
        path: `cam-${camera.id.slice(-12)}`,
        clip: clips[CLIP_BY_AREA[camera.area] ?? 'pattern'],
        credentials,
      })),
    }),
  );

  await runInTransaction(ctx, { actor: systemActor('demo') }, async (uow) => {
    for (const camera of chosen.rows) {
      await uow
        .trx('cameras')
        .where({ id: camera.id })
        .update({ stream_url: server.url(`cam-${camera.id.slice(-12)}`), codec: 'h264', ingest: true, updated_at: ctx.now() });
      uow.emit({
        type: 'camera.updated',
        subject: { type: 'camera', id: camera.id },
        scopePaths: [camera.scope_path],
        payload: { changes: { connected: true }, streamChanged: true },
      });
    }
  });
  ctx.log.info({ cameras: chosen.rows.length, port: server.port }, 'simulated cameras running');
  return { server, cameras: chosen.rows.length, stop: () => server.stop() };
}

/** The configured port, or any free one when it is taken (a second demo on the same machine). */
async function startOnPort<T>(port: number, start: (port: number) => Promise<T>): Promise<T> {
  try {
    return await start(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return start(0);
  }
}
