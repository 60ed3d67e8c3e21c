// The detection sampling queue (server/analytics/sampling/queue.ts) at the size of Hebei: 134,400 cameras in
// one pool's queue on the local Redis. Measured: filling the queue (first sync) and a resync with nothing
// changed; Redis memory of the queue's keys; the claim rate with every camera due (8 workers claiming 8
// visits a time, as a worker with room for 8 does) and the rate of reporting visits done. The baseline, in the
// same run and on the same Redis, is a bare sorted-set queue: ZPOPMIN 8 to take, ZADD to put back (no lease,
// no owner, no interval), with the same batches and concurrency. The demand it must meet is the visit rate the
// default intervals ask of the province (printed with the grade mix used).
// Run: npx tsx bench/sampling-queue.ts [--sizes=8400,134400]
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { RiskGrade } from '../analytics/risk';
import { DEFAULT_SAMPLING, samplingIntervalMs } from '../server/analytics/sampling/intervals';
import { SamplingQueue } from '../server/analytics/sampling/queue';
import { argList } from './support/args';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const WORKERS = 8;
const BATCH = 8;
/** A plausible province: most canteens low risk, a few high (deterministic by index). */
const GRADE_MIX: Array<[RiskGrade, number]> = [
  ['A', 0.4],
  ['B', 0.35],
  ['C', 0.2],
  ['D', 0.05],
];

const sizes = argList('sizes', '8400,134400').map(Number);

function gradeOf(index: number): RiskGrade {
  const at = (index % 100) / 100;
  let sum = 0;
  for (const [grade, share] of GRADE_MIX) if (at < (sum += share)) return grade;
  return 'D';
}

async function memoryOf(redis: Redis, prefix: string): Promise<number> {
  const keys = await redis.keys(`${prefix}*`);
  let bytes = 0;
  for (const key of keys) bytes += Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
  return bytes;
}

/** Runs `workers` loops of `step` until each returns 0; the total of what they returned per second. */
async function drain(step: () => Promise<number>): Promise<{ perSecond: number; p50: number; p95: number }> {
  const latencies: number[] = [];
  let total = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (;;) {
        const t0 = performance.now();
        const n = await step();
        latencies.push(performance.now() - t0);
        if (n === 0) return;
        total += n;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: total / seconds, p50: at(0.5), p95: at(0.95) };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const demand = GRADE_MIX.reduce(
    (sum, [grade, share]) => sum + share / (samplingIntervalMs(grade, DEFAULT_SAMPLING) / 1000 + DEFAULT_SAMPLING.visitSeconds),
    0,
  );
  console.log(
    `grade mix ${GRADE_MIX.map(([g, s]) => `${g} ${s * 100}%`).join(', ')}; default intervals ${JSON.stringify(DEFAULT_SAMPLING)}`,
  );
  for (const size of sizes) {
    const prefix = `cc-bench:${randomUUID()}`;
    const queue = new SamplingQueue(redis, '/130000/', prefix);
    const cameras = Array.from({ length: size }, (_, i) => ({
      id: randomUUID(),
      intervalMs: samplingIntervalMs(gradeOf(i), DEFAULT_SAMPLING),
    }));
    const now = Date.now();
    let t0 = performance.now();
    await queue.sync(cameras, now);
    const firstSync = performance.now() - t0;
    t0 = performance.now();
    await queue.sync(cameras, now);
    const resync = performance.now() - t0;
    const bytes = await memoryOf(redis, prefix);

    // Every camera due: claim them all, then report them all done.
    const later = now + 2 * samplingIntervalMs('A', DEFAULT_SAMPLING);
    const claimed: string[][] = Array.from({ length: WORKERS }, () => []);
    let turn = 0;
    const claim = await drain(async () => {
      const worker = turn++ % WORKERS;
      const ids = await queue.claim(`w${worker}`, BATCH, later, later + 60_000);
      claimed[worker]!.push(...ids);
      return ids.length;
    });
    const stats = await queue.stats(later);
    const pending = claimed.map((ids, worker) => ({ worker: `w${worker}`, ids }));
    const complete = await drain(async () => {
      const next = pending.find((entry) => entry.ids.length > 0);
      if (!next) return 0;
      return queue.complete(next.worker, next.ids.splice(0, BATCH), later);
    });

    // Baseline: a bare sorted set, ZPOPMIN to take and ZADD to put back, same batches.
    const bare = `${prefix}bare`;
    for (let i = 0; i < size; i += 2000) {
      await redis.zadd(bare, ...cameras.slice(i, i + 2000).flatMap((camera) => [now, camera.id]));
    }
    const taken: string[] = [];
    const bareClaim = await drain(async () => {
      const popped = await redis.zpopmin(bare, BATCH);
      for (let i = 0; i < popped.length; i += 2) taken.push(popped[i]!);
      return popped.length / 2;
    });
    const bareComplete = await drain(async () => {
      const ids = taken.splice(0, BATCH);
      if (ids.length === 0) return 0;
      await redis.zadd(bare, ...ids.flatMap((id) => [later, id]));
      return ids.length;
    });

    console.log(
      JSON.stringify({
        cameras: size,
        firstSyncMs: Math.round(firstSync),
        resyncMs: Math.round(resync),
        redisBytes: bytes,
        bytesPerCamera: Math.round(bytes / size),
        claimedAll: stats.leased === size,
        claimPerSecond: fmt(claim.perSecond),
        claimMs: { p50: claim.p50.toFixed(2), p95: claim.p95.toFixed(2) },
        completePerSecond: fmt(complete.perSecond),
        bareClaimPerSecond: fmt(bareClaim.perSecond),
        bareCompletePerSecond: fmt(bareComplete.perSecond),
        demandVisitsPerSecond: (demand * size).toFixed(1),
      }),
    );
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  redis.disconnect();
}

await main();
