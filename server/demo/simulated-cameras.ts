// The demo's cameras: real RTSP cameras on loopback (our own RTSP server looping clips made by ffmpeg, one
// with real people in it), mapped onto the demo cameras of three schools — among them the school and the
// county of the printed demo logins — and onto one camera of each canteen in today's patrol plan
// (demo-camera-choice.ts), so the relay, the video wall, the patrol console and the detector see real video.
// They stream at 300 kbit/s (the clips' demo profile), not a camera's 1.5–4 Mbit/s: 2.7 MB a camera-minute
// instead of 17 MB (bench/demo-recording.ts). The twelve of the schools record about 47 GB a day, with the
// twenty of a default plan (patrol.dailyTarget) some 125 GB, and the relay's storage budget
// (RECORDINGS_MAX_GB, 20 by default) keeps the newest of it: about four hours.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ensureClips, type ClipName, type ClipProfile } from '../../fixtures/media/clips';
import { startSimulatedCameras, type SimulatedCameraServer } from '../../fixtures/rtsp';
import type { DomainContext } from '../context';
import { runInTransaction } from '../db/unit-of-work';
import { ensureTodaysPlans } from '../patrol/commands/ensureDailyPlan';
import { systemActor } from '../policy/actor';
import { shanghaiDate } from '../time';
import { chooseDemoCameras } from './demo-camera-choice';

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
  // Today's plans are made (after grading) before the choice, so that their canteens are among the chosen.
  const today = shanghaiDate(ctx.now());
  await ensureTodaysPlans(ctx, today);
  const chosen = await chooseDemoCameras(ctx.db, today);

  const credentials = { username: 'admin', password: randomBytes(9).toString('base64url') };
  const server = await startOnPort(options.port, (port) =>
    startSimulatedCameras({
      port,
      cameras: chosen.map((camera) => ({
        path: `cam-${camera.id.slice(-12)}`,
        clip: clips[CLIP_BY_AREA[camera.area] ?? 'pattern'],
        credentials,
      })),
    }),
  );

  await runInTransaction(ctx, { actor: systemActor('demo') }, async (uow) => {
    for (const camera of chosen) {
      await uow
        .trx('cameras')
        .where({ id: camera.id })
        .update({
          stream_url: server.url(`cam-${camera.id.slice(-12)}`),
          // A simulated camera sends one stream: the data set's made-up sub-stream address would leave grid tiles dark.
          substream_url: null,
          codec: 'h264',
          ingest: true,
          updated_at: ctx.now(),
        });
      uow.emit({
        type: 'camera.updated',
        subject: { type: 'camera', id: camera.id },
        scopePaths: [camera.scope_path],
        payload: { changes: { connected: true }, streamChanged: true },
      });
    }
  });
  ctx.log.info({ cameras: chosen.length, port: server.port }, 'simulated cameras running');
  return { server, cameras: chosen.length, stop: () => server.stop() };
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
