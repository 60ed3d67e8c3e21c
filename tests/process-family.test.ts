// `npm start` with everything it runs — the stream relay, the detection worker and the relay's ffmpegs — and
// nothing it started outlives it: killed with SIGKILL (as `kill -9` or the out-of-memory killer ends it), the
// whole family is gone within 10 s, instead of calling a restarted server with dead tokens. A relay killed
// on its own takes its ffmpegs with it, and a worker told to stop stops.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestModels, TEST_MODELS_DIR } from '../analytics/models/test-models';
import { markProcessFamily, roleOf, type FamilyMember } from './support/process-family';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process';
import { waitUntil } from './support/sockets';
import { createStore, type Store } from './support/store';

const PASSWORD = 'family-Test-1';
/** Starting a relay or a worker again, on a machine busy with other tests, can take a while. */
const TEST_TIMEOUT_MS = 180_000;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
};

describe('the processes npm start runs', () => {
  const family = markProcessFamily();
  let store: Store;
  let server: ServerProcess | undefined;
  const ofRole = (role: ReturnType<typeof roleOf>) => family.members().filter((member) => roleOf(member) === role);
  // A relay's own ffmpegs: the server makes demo clips with ffmpegs of its own, which are not the relay's.
  const ffmpegsOf = (parent: FamilyMember) => ofRole('ffmpeg').filter((ffmpeg) => ffmpeg.parentPid === parent.pid);
  const describeFamily = () =>
    family
      .members()
      .map((member) => `${member.pid} ${roleOf(member)}: ${member.command.slice(0, 160)}`)
      .join('\n');

  beforeAll(async () => {
    store = await createStore();
    // The worker's models, built once for every test run, instead of at this server's first start.
    await ensureTestModels();
    fs.symlinkSync(TEST_MODELS_DIR, path.join(store.dataDir, 'models'));
    server = await startServerProcess({
      ...store.env,
      ...family.env,
      PORT: String(await freePort()),
      DEMO_PASSWORD: PASSWORD,
      RELAY: 'embedded',
      ANALYTICS: 'embedded',
      SIMULATED_CAMERAS: 'auto',
      SIMULATED_CAMERA_PORT: '0',
    });
    await waitUntil(
      () => ofRole('relay').length === 1 && ofRole('worker').length === 1 && ffmpegsOf(ofRole('relay')[0]!).length > 0,
      120_000,
      "the relay, the worker and the relay's ffmpegs running",
    );
  }, 240_000);
  afterAll(async () => {
    await server?.stop('SIGKILL');
    for (const member of family.members()) process.kill(member.pid, 'SIGKILL');
    await store?.dispose();
  }, TEST_TIMEOUT_MS);

  it(
    'prints the demo logins again once the relay and the worker are up',
    async () => {
      await waitUntil(
        () => /is up at .* with the stream relay, the detection worker, \d+ simulated cameras/.test(server!.stdout()),
        120_000,
        'the last banner',
      );
      const last = server!.stdout().slice(server!.stdout().lastIndexOf('is up at'));
      expect(last).toContain('city.duty');
      expect(last).toContain(`password from DEMO_PASSWORD`);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'ends the ffmpegs of a relay that was killed, and the server starts a new relay',
    async () => {
      const [relay] = ofRole('relay');
      const ffmpegs = ffmpegsOf(relay!);
      expect(ffmpegs.length).toBeGreaterThan(0);
      process.kill(relay!.pid, 'SIGKILL');
      await waitUntil(
        () => ffmpegs.every((ffmpeg) => !isAlive(ffmpeg.pid)),
        10_000,
        `the killed relay's ffmpegs gone:\n${describeFamily()}`,
      );
      await waitUntil(
        () => {
          const fresh = ofRole('relay').find((member) => member.pid !== relay!.pid);
          return fresh !== undefined && ffmpegsOf(fresh).length > 0;
        },
        60_000,
        'a new relay with its ffmpegs',
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'stops a worker told to stop with SIGTERM, and the server starts a new one',
    async () => {
      const [worker] = ofRole('worker');
      process.kill(worker!.pid, 'SIGTERM');
      await waitUntil(() => !isAlive(worker!.pid), 10_000, `the worker gone after SIGTERM:\n${describeFamily()}`);
      await waitUntil(() => ofRole('worker').some((member) => member.pid !== worker!.pid), 60_000, 'a new worker');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'leaves no relay, worker or ffmpeg running 10 s after the server is killed with SIGKILL',
    async () => {
      const before = family.members();
      expect(before.map(roleOf)).toEqual(expect.arrayContaining(['server', 'relay', 'worker', 'ffmpeg']));
      await server!.stop('SIGKILL');
      let left: FamilyMember[] = before;
      await waitUntil(() => (left = family.members()).length === 0, 10_000, 'nothing of the killed server left running').catch(() =>
        expect(
          left.map((member) => `${roleOf(member)} ${member.pid}`),
          describeFamily(),
        ).toEqual([]),
      );
    },
    TEST_TIMEOUT_MS,
  );
});
