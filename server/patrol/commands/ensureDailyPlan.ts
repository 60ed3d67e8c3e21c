// The daily network patrol plan of a city: N canteens (a city setting), split over its counties by their
// number of canteens, each county's share taken in order of priority (risk, and time since the last look).
// Made once per city and day, after grading: today's grades first (the scheduled grading's full run, or the
// canteens touched since), and any canteen of the city never graded, so that the plan ranks on the grade the
// map and the risk API show, never on an estimate of its own. Asking again returns the same plan.
import { v7 as uuidv7 } from 'uuid';
import { apportion } from '../../../analytics/apportion';
import type { DomainContext } from '../../context';
import { likePrefix } from '../../db/scope';
import { runInTransaction } from '../../db/unit-of-work';
import { systemActor } from '../../policy/actor';
import { recomputeRisk } from '../../risk/commands/recomputeRisk';
import { runRiskGrading } from '../../risk/commands/runRiskGrading';
import { effectiveSetting } from '../../settings/queries';
import { patrolPriority } from '../priority';
import { patrolCandidates } from '../queries';

export interface PlanRef {
  id: string;
  date: string;
  target: number;
}

export async function ensureDailyPlan(ctx: DomainContext, city: { id: string; path: string }, date: string): Promise<PlanRef> {
  const existing = (await ctx.db('patrol_plans').where({ jurisdiction_id: city.id, plan_date: date }).first('id', 'target')) as
    { id: string; target: number } | undefined;
  if (existing) return { id: existing.id, date, target: existing.target };

  await gradeBeforePlanning(ctx, city.path);
  const now = ctx.now();
  const target = await effectiveSetting(ctx.db, city.path, 'patrol.dailyTarget');
  const candidates = (await patrolCandidates(ctx.db, city.path, now)).map((candidate) => ({
    candidate,
    ...patrolPriority(candidate, now),
  }));
  const counties = [...new Set(candidates.map((c) => c.candidate.countyId))].sort();
  const shares = apportion(
    Math.min(target, candidates.length),
    counties.map((county) => candidates.filter((c) => c.candidate.countyId === county).length),
    1,
  );
  const byPriority = (a: (typeof candidates)[number], b: (typeof candidates)[number]) =>
    b.priority - a.priority || a.candidate.canteenId.localeCompare(b.candidate.canteenId);
  const chosen = counties.flatMap((county, index) =>
    candidates
      .filter((c) => c.candidate.countyId === county)
      .sort(byPriority)
      .slice(0, shares[index]),
  );
  chosen.sort(byPriority);

  const planId = uuidv7();
  return runInTransaction(ctx, { actor: systemActor('patrol-plan') }, async (uow) => {
    const inserted = (await uow.trx.raw(
      `INSERT INTO patrol_plans (id, jurisdiction_id, plan_date, target) VALUES (?, ?, ?, ?)
       ON CONFLICT (jurisdiction_id, plan_date) DO NOTHING RETURNING id`,
      [planId, city.id, date, chosen.length],
    )) as { rows: Array<{ id: string }> };
    if (inserted.rows.length === 0) {
      // Another process made it first: that plan stands.
      const winner = (await uow.trx('patrol_plans').where({ jurisdiction_id: city.id, plan_date: date }).first('id', 'target')) as {
        id: string;
        target: number;
      };
      return { id: winner.id, date, target: winner.target };
    }
    if (chosen.length > 0) {
      await uow.trx('patrol_plan_items').insert(
        chosen.map((entry, position) => ({
          id: uuidv7(),
          plan_id: planId,
          canteen_id: entry.candidate.canteenId,
          school_id: entry.candidate.schoolId,
          county_id: entry.candidate.countyId,
          scope_path: entry.candidate.scopePath,
          position,
          priority: entry.priority,
          reasons: JSON.stringify(entry.reasons),
        })),
      );
    }
    uow.emit({
      type: 'patrol.plan_created',
      subject: { type: 'patrol_plan', id: planId },
      scopePaths: [city.path],
      payload: { id: planId, date, target: chosen.length },
    });
    return { id: planId, date, target: chosen.length };
  });
}

/** Today's grades, and a grade for every canteen of the city that has none yet. */
async function gradeBeforePlanning(ctx: DomainContext, cityPath: string): Promise<void> {
  await runRiskGrading(ctx);
  const ungraded = (await ctx
    .db('canteens as c')
    .leftJoin('canteen_risk as r', 'r.canteen_id', 'c.id')
    .whereNull('r.canteen_id')
    .where('c.scope_path', 'like', likePrefix(cityPath))
    .pluck('c.id')) as string[];
  if (ungraded.length > 0) await recomputeRisk(ctx, { canteenIds: ungraded });
}

/** For the scheduler: today's plan for every city. */
export async function ensureTodaysPlans(ctx: DomainContext, today: string): Promise<number> {
  const cities = (await ctx.db('jurisdictions').where({ level: 'city' }).select('id', 'path')) as Array<{ id: string; path: string }>;
  for (const city of cities) await ensureDailyPlan(ctx, city, today);
  return cities.length;
}
