// The daily network patrol plan of a city: N canteens (a city setting), split over its counties by their
// number of canteens, each county's share taken in order of priority (risk, and time since the last look).
// A province has a plan of its own (patrol.provinceDailyCanteens, at least 200), split over its cities by
// their risk (the sum of their canteens' risk scores), each city's share taken the same way; the cities' plans
// go on beside it. Made once per node and day, after grading: today's grades first (the scheduled grading's
// full run, or the canteens touched since), and any canteen of the node never graded, so that the plan ranks
// on the grade the map and the risk API show, never on an estimate of its own. Asking again returns the same plan.
import { v7 as uuidv7 } from 'uuid';
import { apportion } from '../../../analytics/apportion';
import type { DomainContext } from '../../context';
import { likePrefix } from '../../db/scope';
import { runInTransaction } from '../../db/unit-of-work';
import { codesOfPath, systemActor } from '../../policy/actor';
import { recomputeRisk } from '../../risk/commands/recomputeRisk';
import { runRiskGrading } from '../../risk/commands/runRiskGrading';
import { effectiveSetting } from '../../settings/queries';
import { patrolPriority, riskWeight, type PatrolCandidate, type Prioritised } from '../priority';
import { patrolCandidates } from '../queries';

export interface PlanRef {
  id: string;
  date: string;
  target: number;
}

/** The node a plan belongs to: a city, or a province (whose plan spans its cities). */
export interface PlanNode {
  id: string;
  path: string;
  level: 'province' | 'city';
}

type Ranked = Prioritised & { candidate: PatrolCandidate };

const byPriority = (a: Ranked, b: Ranked) => b.priority - a.priority || a.candidate.canteenId.localeCompare(b.candidate.canteenId);

/**
 * `target` canteens split over groups by their weight (each at least one), each group's share its
 * highest-priority canteens; a share larger than its group goes to the heaviest groups with canteens left.
 */
function chooseByShares(ranked: Ranked[], target: number, groupOf: (entry: Ranked) => string, weightOf: (members: Ranked[]) => number) {
  const groups = [...new Set(ranked.map(groupOf))]
    .sort()
    .map((group) => ranked.filter((entry) => groupOf(entry) === group).sort(byPriority));
  const weights = groups.map(weightOf);
  const shares = apportion(Math.min(target, ranked.length), weights, 1);
  let spare = 0;
  groups.forEach((members, index) => {
    spare += Math.max(0, shares[index]! - members.length);
    shares[index] = Math.min(shares[index]!, members.length);
  });
  const heaviestFirst = groups.map((_, index) => index).sort((a, b) => weights[b]! - weights[a]! || a - b);
  for (const index of heaviestFirst) {
    const more = Math.min(spare, groups[index]!.length - shares[index]!);
    shares[index]! += more;
    spare -= more;
  }
  return groups.flatMap((members, index) => members.slice(0, shares[index])).sort(byPriority);
}

/** A province's cities by the risk of their canteens; a city's counties by their number of canteens. */
const SPLIT = {
  province: {
    target: 'patrol.provinceDailyCanteens',
    groupOf: (entry: Ranked) => codesOfPath(entry.candidate.scopePath)[1]!,
    weightOf: (members: Ranked[]) => members.reduce((sum, entry) => sum + riskWeight(entry.candidate), 0),
  },
  city: {
    target: 'patrol.dailyTarget',
    groupOf: (entry: Ranked) => entry.candidate.countyId,
    weightOf: (members: Ranked[]) => members.length,
  },
} as const;

export async function ensureDailyPlan(ctx: DomainContext, node: PlanNode, date: string): Promise<PlanRef> {
  const existing = (await ctx.db('patrol_plans').where({ jurisdiction_id: node.id, plan_date: date }).first('id', 'target')) as
    { id: string; target: number } | undefined;
  if (existing) return { id: existing.id, date, target: existing.target };

  await gradeBeforePlanning(ctx, node.path);
  const now = ctx.now();
  const split = SPLIT[node.level];
  const target = await effectiveSetting(ctx.db, node.path, split.target);
  const ranked = (await patrolCandidates(ctx.db, node.path, now)).map((candidate) => ({ candidate, ...patrolPriority(candidate, now) }));
  const chosen = chooseByShares(ranked, target, split.groupOf, split.weightOf);

  const planId = uuidv7();
  return runInTransaction(ctx, { actor: systemActor('patrol-plan') }, async (uow) => {
    const inserted = (await uow.trx.raw(
      `INSERT INTO patrol_plans (id, jurisdiction_id, plan_date, target) VALUES (?, ?, ?, ?)
       ON CONFLICT (jurisdiction_id, plan_date) DO NOTHING RETURNING id`,
      [planId, node.id, date, chosen.length],
    )) as { rows: Array<{ id: string }> };
    if (inserted.rows.length === 0) {
      // Another process made it first: that plan stands.
      const winner = (await uow.trx('patrol_plans').where({ jurisdiction_id: node.id, plan_date: date }).first('id', 'target')) as {
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
      scopePaths: [node.path],
      payload: { id: planId, date, target: chosen.length },
    });
    return { id: planId, date, target: chosen.length };
  });
}

/** Today's grades, and a grade for every canteen under the node that has none yet. */
async function gradeBeforePlanning(ctx: DomainContext, nodePath: string): Promise<void> {
  await runRiskGrading(ctx);
  const ungraded = (await ctx
    .db('canteens as c')
    .leftJoin('canteen_risk as r', 'r.canteen_id', 'c.id')
    .whereNull('r.canteen_id')
    .where('c.scope_path', 'like', likePrefix(nodePath))
    .pluck('c.id')) as string[];
  if (ungraded.length > 0) await recomputeRisk(ctx, { canteenIds: ungraded });
}

/** For the scheduler: today's plan for every province and every city. */
export async function ensureTodaysPlans(ctx: DomainContext, today: string): Promise<number> {
  const nodes = (await ctx
    .db('jurisdictions')
    .whereIn('level', ['province', 'city'])
    .orderBy('path')
    .select('id', 'path', 'level')) as PlanNode[];
  for (const node of nodes) await ensureDailyPlan(ctx, node, today);
  return nodes.length;
}
