// The sampling queue on a real Redis, driven by a simulated clock: a D-grade canteen's cameras are visited
// more often than an A one's, every camera keeps its turn, no camera is held by two workers at once, and a
// dead worker's cameras go to the others once its lease runs out.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestRedis, deleteKeys } from '../../../tests/support/redis';
import { DEFAULT_SAMPLING, samplingIntervalMs, SamplingSettingSchema } from './intervals';
import { SamplingQueue } from './queue';

const PREFIX = `cc-test:${randomUUID()}`;
const SECOND = 1000;

describe('sampling intervals by risk grade', () => {
  it('samples a D canteen more often than an A one, and an ungraded one as C', () => {
    const d = samplingIntervalMs('D', DEFAULT_SAMPLING);
    const a = samplingIntervalMs('A', DEFAULT_SAMPLING);
    expect(d).toBeLessThan(a);
    expect(samplingIntervalMs(null, DEFAULT_SAMPLING)).toBe(samplingIntervalMs('C', DEFAULT_SAMPLING));
  });

  it('refuses a setting that samples a lower grade more often than a higher one', () => {
    const inverted = { intervalSeconds: { A: 60, B: 120, C: 300, D: 600 }, visitSeconds: 10 };
    expect(SamplingSettingSchema.safeParse(inverted).success).toBe(false);
  });
});

describe('sampling queue on Redis', () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  afterAll(async () => {
    await deleteKeys(redis, PREFIX);
    redis.disconnect();
  });

  it('visits D cameras about as many times more often as their interval is shorter, each in turn, never two at once', async () => {
    const queue = new SamplingQueue(redis, '/130000/', PREFIX);
    const setting = { intervalSeconds: { A: 60, B: 40, C: 20, D: 10 }, visitSeconds: 2 };
    const grades = { a: 'A', d: 'D' } as const;
    const cameras = Object.entries(grades).flatMap(([name, grade]) =>
      Array.from({ length: 20 }, (_, i) => ({ id: `${name}${i}`, grade, intervalMs: samplingIntervalMs(grade, setting) })),
    );
    let now = 1_000_000;
    await queue.sync(cameras, now);

    // Two workers with room for six visits each, at one claim a second, for an hour of simulated time.
    const visits = new Map<string, number>(cameras.map((camera) => [camera.id, 0]));
    const holder = new Map<string, { worker: string; until: number }>();
    const held = { w1: [] as Array<{ id: string; until: number }>, w2: [] as Array<{ id: string; until: number }> };
    const end = now + 3600 * SECOND;
    for (; now < end; now += SECOND) {
      for (const worker of ['w1', 'w2'] as const) {
        const finished = held[worker].filter((visit) => visit.until <= now).map((visit) => visit.id);
        held[worker] = held[worker].filter((visit) => visit.until > now);
        for (const id of finished) holder.delete(id);
        expect(await queue.complete(worker, finished, now)).toBe(finished.length);
        const claimed = await queue.claim(worker, 6 - held[worker].length, now, now + 30 * SECOND);
        for (const id of claimed) {
          expect(holder.get(id), `camera ${id} claimed while ${worker} or another holds it`).toBeUndefined();
          holder.set(id, { worker, until: now + 2 * SECOND });
          held[worker].push({ id, until: now + 2 * SECOND });
          visits.set(id, visits.get(id)! + 1);
        }
      }
    }
    const count = (grade: 'A' | 'D') => cameras.filter((camera) => camera.grade === grade).map((camera) => visits.get(camera.id)!);
    // Each camera's visits start one interval after the last one ended: 3600 / (interval + 2 s) of them.
    for (const n of count('A')) expect(n).toBeGreaterThanOrEqual(Math.floor(3600 / 62) - 1);
    for (const n of count('D')) expect(n).toBeGreaterThanOrEqual(Math.floor(3600 / 12) - 1);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean(count('D')) / mean(count('A'))).toBeGreaterThan(4.5);
    // Nothing waited longer than the one second between claims.
    const stats = await queue.stats(now);
    expect(stats.cameras).toBe(40);
    expect(stats.oldestOverdueMs).toBeLessThanOrEqual(SECOND);
  });

  it('gives a dead worker’s cameras to another once its lease runs out, and ignores its late report', async () => {
    const queue = new SamplingQueue(redis, '/130000/130800/', PREFIX);
    let now = 5_000_000;
    await queue.sync(
      [
        { id: 'c1', intervalMs: 10 * SECOND },
        { id: 'c2', intervalMs: 10 * SECOND },
      ],
      now,
      () => 0,
    );
    expect((await queue.claim('dead', 10, now, now + 30 * SECOND)).sort()).toEqual(['c1', 'c2']);
    now += 29 * SECOND;
    expect(await queue.claim('alive', 10, now, now + 30 * SECOND)).toEqual([]);
    now += 2 * SECOND;
    expect((await queue.claim('alive', 10, now, now + 30 * SECOND)).sort()).toEqual(['c1', 'c2']);
    expect(await queue.complete('dead', ['c1', 'c2'], now)).toBe(0);
    expect(await queue.stats(now)).toMatchObject({ due: 0, leased: 2 });
    expect(await queue.complete('alive', ['c1'], now)).toBe(1);
    expect(await queue.stats(now)).toMatchObject({ due: 1, leased: 1 });
  });

  it('follows the camera set: a camera gone leaves the queue, a grade that rose brings its visit forward', async () => {
    const queue = new SamplingQueue(redis, '/130000/130900/', PREFIX);
    const now = 9_000_000;
    await queue.sync(
      [
        { id: 'x', intervalMs: 600 * SECOND },
        { id: 'y', intervalMs: 600 * SECOND },
      ],
      now,
      () => 0.99,
    );
    expect(await queue.sync([{ id: 'x', intervalMs: 10 * SECOND }], now)).toEqual({ added: 0, removed: 1 });
    expect(await queue.claim('w', 10, now + 10 * SECOND, now + 60 * SECOND)).toEqual(['x']);
    expect(await queue.stats(now)).toMatchObject({ cameras: 1, due: 0, leased: 1 });
  });
});
