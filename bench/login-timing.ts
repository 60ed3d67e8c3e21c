// How long a login takes to say no, for a real name and a made-up one (issue 12: the answer must not tell
// them apart, in time neither). Two cases, interleaved so that both see the same load: a wrong password (a
// password check against the account's hash, or against the decoy hash for a made-up name, then the failure
// counted) and an attempt held back by the throttle (no password check at all). Through the login command
// on PGlite and on PostgreSQL; median and p90 of ROUNDS. Run: npx tsx bench/login-timing.ts
import { performance } from 'node:perf_hooks';
import { login } from '../server/auth/commands/login';
import { median, openBenchDb, percentile } from './support/bench-db';

const ROUNDS = 40;
const NAMES = { real: 'county.130822', madeUp: 'county.139999' } as const;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run().catch((error: unknown) => error);
  return performance.now() - started;
}

async function measure(kind: 'pglite' | 'postgres') {
  const bench = await openBenchDb(kind, 200);
  const times = { wrong: { real: [] as number[], madeUp: [] as number[] }, held: { real: [] as number[], madeUp: [] as number[] } };
  // Wrong passwords, each from an address of its own so that none is held back yet (the name's count over all
  // addresses stays below LOGIN_ACCOUNT_FREE_FAILURES: ROUNDS < 50).
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const which of ['real', 'madeUp'] as const) {
      const ip = `198.51.100.${round + (which === 'real' ? 0 : 100)}`;
      times.wrong[which].push(await timed(() => login(bench.ctx, { username: NAMES[which], password: 'wrong-password', ip })));
    }
  }
  // Held back: one address past its free failures on each name, then asked again and again.
  for (const which of ['real', 'madeUp'] as const) {
    for (let i = 0; i < 7; i += 1) await timed(() => login(bench.ctx, { username: NAMES[which], password: 'wrong', ip: '203.0.113.9' }));
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const which of ['real', 'madeUp'] as const) {
      times.held[which].push(await timed(() => login(bench.ctx, { username: NAMES[which], password: 'wrong', ip: '203.0.113.9' })));
    }
  }
  await bench.close();
  const row = (values: number[]) => `${median(values).toFixed(1)} / ${percentile(values, 90).toFixed(1)} ms`;
  for (const [answer, pair] of Object.entries(times)) {
    console.log(`| ${kind} | ${answer} | ${row(pair.real)} | ${row(pair.madeUp)} |`);
  }
}

console.log('| Database | Answer | Real name p50 / p90 | Made-up name p50 / p90 |');
console.log('| --- | --- | ---: | ---: |');
await measure('pglite');
await measure('postgres');
