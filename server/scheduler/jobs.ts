// The periodic jobs of the server.
import { runClipJob } from '../alerts/clips/clip-job';
import { sweepUnboundAttachments } from '../attachments/commands/sweepUnbound';
import { RelayDirectory } from '../cameras/video/relay-directory';
import type { DomainContext } from '../context';
import { ledgerWarningSweep } from '../ledgers/commands/sweepLedgerWarnings';
import { ensureTodaysPlans } from '../patrol/commands/ensureDailyPlan';
import { runScheduledBulletins } from '../reports/commands/scheduledBulletins';
import { runDailyRetention } from '../retention/apply-retention';
import { maintainEmbeddedDatabase } from '../retention/maintain-pglite';
import { runRiskGrading } from '../risk/commands/runRiskGrading';
import { shanghaiDate } from '../time';
import { sweepDeadlines } from '../tasks/commands/sweepDeadlines';
import type { ScheduledJob } from './scheduler';

export function scheduledJobs(ctx: DomainContext): ScheduledJob[] {
  const relays = new RelayDirectory(ctx.db, () => ctx.now(), ctx.config.relayHeartbeatSeconds);
  return [
    { name: 'task-deadlines', everyMs: 30_000, run: () => sweepDeadlines(ctx) },
    // Each alert on a camera gets its evidence clip once its window has been recorded.
    { name: 'alert-clips', everyMs: 10_000, run: () => runClipJob(ctx, relays) },
    { name: 'attachment-cleanup', everyMs: 3_600_000, run: () => sweepUnboundAttachments(ctx) },
    { name: 'patrol-plans', everyMs: 10 * 60_000, run: () => ensureTodaysPlans(ctx, shanghaiDate(ctx.now())) },
    // Today's full risk recompute once a day, and in between the canteens that recent events touched.
    { name: 'risk-grading', everyMs: 10 * 60_000, run: () => runRiskGrading(ctx) },
    // Every school's ledger warnings once a day, after the morning-check cutoff; after a start, once the start
    // has settled (on the demo data the first sweep raises about 1,500 licence alerts).
    { name: 'ledger-warnings', everyMs: 10 * 60_000, firstRunAfterMs: 3 * 60_000, run: ledgerWarningSweep(ctx) },
    // The bulletins of the month and quarter just ended, for the city and each county, once each; PDFs wait
    // until the server has been up a while.
    { name: 'bulletins', everyMs: 60 * 60_000, firstRunAfterMs: 10 * 60_000, run: () => runScheduledBulletins(ctx) },
    // Once a day (claimed in the database): prune and roll up by month what is past retention.
    { name: 'retention', everyMs: 60 * 60_000, firstRunAfterMs: 15 * 60_000, run: () => runDailyRetention(ctx) },
    // Only the embedded database needs its VACUUM / ANALYZE run for it; PostgreSQL has autovacuum.
    ...(ctx.dbKind === 'pglite'
      ? [{ name: 'pglite-maintenance', everyMs: 24 * 60 * 60_000, firstRunAfterMs: 30 * 60_000, run: () => maintainEmbeddedDatabase(ctx) }]
      : []),
  ];
}
