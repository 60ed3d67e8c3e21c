// The province's daily patrol plan against a city's, on the same canteens in the same run. The bench data set
// is Chengde under Hebei, sized up (generateChengde({ canteens })), so the province's plan and the city's
// read the same candidates: the difference is the province's split by the cities' risk and its 200 canteens
// against the city's 20. Grading runs once before (its cost is bench/risk-recompute.ts's); each round makes a
// new plan (another day). Measured: the median time to make one plan, province and city.
// Run: npx tsx bench/province-plan.ts [--sizes=1200,17183] [--db=pglite,postgres]
import { performance } from 'node:perf_hooks';
import { ensureDailyPlan, type PlanNode } from '../server/patrol/commands/ensureDailyPlan';
import { runRiskGrading } from '../server/risk/commands/runRiskGrading';
import { median, openBenchDb } from './support/bench-db';
import { argList } from './support/args';

const ROUNDS = 5;
const sizes = argList('sizes', '1200,17183').map(Number);
const kinds = argList('db', 'pglite,postgres') as Array<'pglite' | 'postgres'>;

const dayBefore = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

for (const kind of kinds) {
  for (const size of sizes) {
    const bench = await openBenchDb(kind, size);
    const { ctx } = bench;
    await runRiskGrading(ctx);
    const node = async (level: PlanNode['level']) =>
      (await ctx.db('jurisdictions').where({ level }).first('id', 'path', 'level')) as PlanNode;
    const [province, city] = [await node('province'), await node('city')];
    const time = async (plan: PlanNode, day: number) => {
      const started = performance.now();
      const made = await ensureDailyPlan(ctx, plan, dayBefore(day));
      return { ms: performance.now() - started, target: made.target };
    };
    const provinceRuns = [];
    const cityRuns = [];
    for (let round = 1; round <= ROUNDS; round++) {
      cityRuns.push(await time(city, round));
      provinceRuns.push(await time(province, round));
    }
    console.log(
      JSON.stringify({
        db: kind,
        canteens: size,
        provincePlan: { canteens: provinceRuns[0]!.target, medianMs: Math.round(median(provinceRuns.map((run) => run.ms))) },
        cityPlan: { canteens: cityRuns[0]!.target, medianMs: Math.round(median(cityRuns.map((run) => run.ms))) },
        load: (await import('node:os')).loadavg().map((value) => Math.round(value * 10) / 10),
      }),
    );
    await bench.close();
  }
}
