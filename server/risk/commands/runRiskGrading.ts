// The scheduled side of risk grading. Each tick (every ten minutes): if today's full recompute has not run,
// run it; otherwise recompute only the canteens that relevant events (confirmed alerts, overdue or finished
// tasks, patrol records, complaints, camera health, school changes, ledger entries and registers)
// touched since the last run. The touched canteens come from the event log itself — every change of these
// kinds is already there, in commit order, with the school it belongs to — so nothing has to remember to
// notify risk grading, a restart loses nothing, and two processes running the job only repeat idempotent work.
import type { Knex } from 'knex';
import type { DomainContext } from '../../context';
import type { EventType } from '../../realtime/event-catalogue';
import { lastCommittedSeq } from '../../realtime/event-log';
import { shanghaiDate } from '../../time';
import { recomputeRisk, type RecomputeResult } from './recomputeRisk';

/** Event types that can change a canteen's evidence. */
export const RISK_EVENT_TYPES = [
  'alert.confirmed',
  'task.overdue',
  'task.submitted',
  'task.returned',
  'task.closed',
  'task.cancelled',
  'patrol.recorded',
  'complaint.received',
  'complaint.closed',
  'camera.status_changed',
  'camera.updated',
  'school.updated',
  // Ledger entries and the staff and supplier registers (health certificates, completeness). A write also
  // regrades its school at once (regradeSchools); these catch what that could not (busy, or it failed).
  'ledger.recorded',
  'ledger.register_changed',
] as const satisfies readonly EventType[];

export type RiskGradingRun = { mode: 'idle'; lastSeq: number } | ({ mode: 'full' | 'touched' } & RecomputeResult);

export async function runRiskGrading(ctx: DomainContext): Promise<RiskGradingRun> {
  const today = shanghaiDate(ctx.now());
  const state = (await ctx
    .db('risk_recompute_state')
    .where({ id: 1 })
    .first('last_seq', ctx.db.raw("to_char(full_day, 'YYYY-MM-DD') AS full_day"))) as
    { last_seq: number; full_day: string | null } | undefined;
  if (!state || state.full_day !== today) return { mode: 'full', ...(await recomputeRisk(ctx)) };

  const after = Number(state.last_seq);
  const watermark = await lastCommittedSeq(ctx.db);
  if (watermark <= after) return { mode: 'idle', lastSeq: after };
  const touched = await touchedCanteens(ctx.db, after, watermark);
  if (touched.length === 0) {
    await ctx
      .db('risk_recompute_state')
      .where({ id: 1 })
      .update({ last_seq: ctx.db.raw('GREATEST(last_seq, ?)', [watermark]), updated_at: ctx.now() });
    return { mode: 'idle', lastSeq: watermark };
  }
  return { mode: 'touched', ...(await recomputeRisk(ctx, { canteenIds: touched, watermark })) };
}

/** Canteens of the schools named by relevant events in (after, upTo]. */
export async function touchedCanteens(db: Knex, after: number, upTo: number): Promise<string[]> {
  const result = (await db.raw(
    `SELECT DISTINCT c.id
       FROM event_log e
       CROSS JOIN LATERAL unnest(e.scope_nodes) AS n(code)
       JOIN jurisdictions j ON j.code = n.code AND j.level = 'school'
       JOIN canteens c ON c.scope_path = j.path
      WHERE e.seq > ? AND e.seq <= ? AND e.type = ANY(?::text[])`,
    [after, upTo, [...RISK_EVENT_TYPES]],
  )) as { rows: Array<{ id: string }> };
  return result.rows.map((row) => row.id);
}
