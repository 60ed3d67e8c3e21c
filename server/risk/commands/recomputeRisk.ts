// Recomputes canteen risk grades: gathers the evidence for all (or some) canteens set-based, weighs it with
// the pure grading functions, and in one transaction upserts each canteen's current grade and today's history
// row, then tells each county whose grades changed — one `risk.updated` event per county, with its counts by
// grade and the canteens that changed, never one event per canteen. Runs one at a time (an advisory lock), so
// the daily job, the event-driven top-up and a manual recompute never interleave.
import type { Knex } from 'knex';
import { assessCanteenRisk, type RiskAssessment, type RiskGrade } from '../../../analytics/risk';
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import { systemActor, type Caller } from '../../policy/actor';
import { lastCommittedSeq } from '../../realtime/event-log';
import { shanghaiDate } from '../../time';
import { gatherRiskInputs, type GatheredCanteen, type RiskSelection } from '../inputs';

export interface RecomputeOptions extends RiskSelection {
  /**
   * Events up to this sequence number are reflected once this recompute commits (the job's bookkeeping).
   * A full recompute reads it itself.
   */
  watermark?: number;
  /** Give up at once (busy: true) when another recompute holds the lock, instead of waiting for it. */
  skipIfBusy?: boolean;
}

export type GradeCounts = Record<RiskGrade, number>;

export interface RecomputeResult {
  day: string;
  /** Canteens graded. */
  canteens: number;
  /** Of which changed grade (or were graded for the first time). */
  changed: number;
  /** Counties told of a change. */
  counties: number;
  byGrade: GradeCounts;
  /** Nothing done: another recompute was running (only with skipIfBusy). */
  busy?: true;
}

const CHUNK = 2000;
const LOCK = 'risk:recompute';

export const emptyCounts = (): GradeCounts => ({ A: 0, B: 0, C: 0, D: 0 });

export async function recomputeRisk(
  ctx: DomainContext,
  options: RecomputeOptions = {},
  caller: Caller = { actor: systemActor('risk-grading') },
): Promise<RecomputeResult> {
  const now = ctx.now();
  const day = shanghaiDate(now);
  const full = options.canteenIds === undefined && options.scopePath === undefined;
  // Read before the evidence: an event committed after this is taken in by the next run, never skipped.
  const watermark = options.watermark ?? (full ? await lastCommittedSeq(ctx.db) : undefined);
  const selection: RiskSelection = { canteenIds: options.canteenIds, scopePath: options.scopePath };

  return runInTransaction(ctx, caller, async (uow) => {
    if (options.skipIfBusy) {
      const lock = (await uow.trx.raw('SELECT pg_try_advisory_xact_lock(hashtext(?)) AS locked', [LOCK])) as {
        rows: Array<{ locked: boolean }>;
      };
      if (!lock.rows[0]?.locked) return { day, canteens: 0, changed: 0, counties: 0, byGrade: emptyCounts(), busy: true as const };
    } else {
      await uow.trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [LOCK]);
    }
    const gathered = await gatherRiskInputs(uow.trx, selection, now);
    const graded = gathered.map((canteen) => ({ canteen, assessment: assessCanteenRisk(canteen.input) }));

    for (let i = 0; i < graded.length; i += CHUNK) await upsert(uow.trx, graded.slice(i, i + CHUNK), now, day);

    const byGrade = emptyCounts();
    for (const { assessment } of graded) byGrade[assessment.grade] += 1;
    const changed = graded.filter(({ canteen, assessment }) => canteen.previousGrade !== assessment.grade);
    const counties = new Map<string, { county: GatheredCanteen['county']; changed: string[] }>();
    for (const { canteen } of changed) {
      const entry = counties.get(canteen.county.id) ?? { county: canteen.county, changed: [] };
      entry.changed.push(canteen.canteenId);
      counties.set(canteen.county.id, entry);
    }
    if (counties.size > 0) {
      const counts = await countsByCounty(uow.trx, [...counties.keys()]);
      for (const { county, changed: ids } of [...counties.values()].sort((a, b) => a.county.code.localeCompare(b.county.code))) {
        uow.emit({
          type: 'risk.updated',
          subject: { type: 'jurisdiction', id: county.id },
          scopePaths: [county.path],
          payload: { county: { code: county.code, name: county.name }, day, counts: counts.get(county.id) ?? emptyCounts(), changed: ids },
        });
      }
    }

    if (full || watermark !== undefined) {
      await uow
        .trx('risk_recompute_state')
        .where({ id: 1 })
        .update({
          ...(watermark !== undefined ? { last_seq: uow.trx.raw('GREATEST(last_seq, ?)', [watermark]) } : {}),
          ...(full ? { full_day: day, full_at: now } : {}),
          updated_at: now,
        });
    }
    if (caller.actor.kind === 'user') {
      uow.audit({
        action: 'risk.recompute',
        details: { canteens: graded.length, changed: changed.length, ...(options.scopePath ? { scope: options.scopePath } : {}) },
        ...(options.scopePath ? { scopePath: options.scopePath } : {}),
      });
    }
    return { day, canteens: graded.length, changed: changed.length, counties: counties.size, byGrade };
  });
}

async function upsert(
  trx: Knex.Transaction,
  rows: Array<{ canteen: GatheredCanteen; assessment: RiskAssessment }>,
  now: Date,
  day: string,
): Promise<void> {
  const columns = [
    rows.map((row) => row.canteen.canteenId),
    rows.map((row) => row.assessment.score),
    rows.map((row) => row.assessment.grade),
    rows.map((row) => row.assessment.static),
    rows.map((row) => row.assessment.dynamic),
    rows.map((row) => JSON.stringify(row.assessment.factors)),
  ];
  const incoming =
    'unnest(?::uuid[], ?::float8[], ?::text[], ?::float8[], ?::float8[], ?::jsonb[]) AS u(id, score, grade, st, dy, factors)';
  await trx.raw(
    `INSERT INTO canteen_risk (canteen_id, score, grade, static, dynamic, factors, computed_at, scope_path)
     SELECT u.id, u.score, u.grade, u.st, u.dy, u.factors, ?, u.scope_path
       FROM unnest(?::uuid[], ?::float8[], ?::text[], ?::float8[], ?::float8[], ?::jsonb[], ?::text[])
            AS u(id, score, grade, st, dy, factors, scope_path)
     ON CONFLICT (canteen_id) DO UPDATE SET score = excluded.score, grade = excluded.grade, static = excluded.static,
       dynamic = excluded.dynamic, factors = excluded.factors, computed_at = excluded.computed_at, scope_path = excluded.scope_path`,
    [now, ...columns, rows.map((row) => row.canteen.scopePath)] as unknown as Knex.RawBinding[],
  );
  await trx.raw(
    `INSERT INTO canteen_risk_history (canteen_id, day, score, grade, static, dynamic, factors, computed_at)
     SELECT u.id, ?::date, u.score, u.grade, u.st, u.dy, u.factors, ? FROM ${incoming}
     ON CONFLICT (canteen_id, day) DO UPDATE SET score = excluded.score, grade = excluded.grade, static = excluded.static,
       dynamic = excluded.dynamic, factors = excluded.factors, computed_at = excluded.computed_at`,
    [day, now, ...columns] as unknown as Knex.RawBinding[],
  );
}

/** Counts by grade of every graded canteen of these counties (not only those just recomputed). */
async function countsByCounty(trx: Knex.Transaction, countyIds: string[]): Promise<Map<string, GradeCounts>> {
  const result = (await trx.raw(
    `SELECT s.county_id, r.grade, count(*) AS n
       FROM canteen_risk r JOIN canteens c ON c.id = r.canteen_id JOIN schools s ON s.id = c.school_id
      WHERE s.county_id = ANY(?::uuid[])
      GROUP BY s.county_id, r.grade`,
    [countyIds],
  )) as { rows: Array<{ county_id: string; grade: RiskGrade; n: number }> };
  const counts = new Map<string, GradeCounts>();
  for (const row of result.rows) {
    const entry = counts.get(row.county_id) ?? emptyCounts();
    entry[row.grade] = Number(row.n);
    counts.set(row.county_id, entry);
  }
  return counts;
}
