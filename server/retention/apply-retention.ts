// The daily retention run: the event log pruned, closed alerts pruned, camera status history compacted and
// risk history rolled up by month, each by its setting (retention-settings.ts). Every step is idempotent and
// works in batches, so a run cut short is finished by the next one, and a second run changes nothing.
import type { DomainContext } from '../context';
import { shanghaiDate } from '../time';
import { compactCameraHistory } from './compact-camera-history';
import { retentionMonth } from './months';
import { pruneClosedAlerts } from './prune-closed-alerts';
import { pruneEventLog } from './prune-event-log';
import { retentionSettings } from './retention-settings';
import { rollUpRiskHistory } from './rollup-risk-history';

const DAY_MS = 86_400_000;

export interface RetentionOutcome {
  eventsDeleted: number;
  alertsDeleted: number;
  cameraRowsRemoved: number;
  riskRowsRemoved: number;
}

export async function applyRetention(ctx: DomainContext): Promise<RetentionOutcome> {
  const now = ctx.now();
  const days = await retentionSettings(ctx.db);
  const events = await pruneEventLog(ctx.db, new Date(now.getTime() - days.eventLogDays * DAY_MS));
  const alerts = await pruneClosedAlerts(ctx, new Date(now.getTime() - days.closedAlertDays * DAY_MS));
  const cameras = await compactCameraHistory(ctx.db, retentionMonth(now, days.cameraStatusDetailDays));
  const risk = await rollUpRiskHistory(ctx.db, retentionMonth(now, days.riskHistoryDailyDays));
  return {
    eventsDeleted: events.deleted,
    alertsDeleted: alerts.deleted,
    cameraRowsRemoved: cameras.removed,
    riskRowsRemoved: risk.removed,
  };
}

/** Once per Shanghai day, claimed in the database so that one process of a cluster runs it. */
export async function runDailyRetention(ctx: DomainContext): Promise<RetentionOutcome | 'done today'> {
  const today = shanghaiDate(ctx.now());
  const claimed = await ctx
    .db('retention_state')
    .where({ id: 1 })
    .where((q) => void q.whereNull('last_run_day').orWhere('last_run_day', '<', today))
    .update({ last_run_day: today, updated_at: ctx.db.fn.now() });
  if (claimed === 0) return 'done today';
  return applyRetention(ctx);
}
