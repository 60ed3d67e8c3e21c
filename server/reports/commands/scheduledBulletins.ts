// The scheduled bulletins: once a month or a quarter has ended, one bulletin of it for the province, each city
// and each county, built one after another. A node and period that already has a bulletin (of any outcome but a failure)
// is left alone, so the job can run as often as it likes. A run builds a few at most, so a server that starts
// (and runs every job at once) does not spend its first minute on two dozen PDFs; the rest follow hourly.
import { parsePeriod, periodContaining } from '../../../analytics/assessment';
import { shanghaiDateOf } from '../../../analytics/calendar';
import type { DomainContext } from '../../context';
import { systemActor } from '../../policy/actor';
import type { BulletinNode } from '../content';
import { buildBulletin, requestBulletin } from './buildBulletin';

/** The month and the quarter that ended last, as of `now`. */
export function periodsJustEnded(now: Date): string[] {
  const today = shanghaiDateOf(now);
  return [parsePeriod(periodContaining('month', today)).previousId, parsePeriod(periodContaining('quarter', today)).previousId];
}

export const BULLETINS_PER_RUN = 4;

export async function runScheduledBulletins(ctx: DomainContext, options: { perRun?: number } = {}): Promise<{ built: number }> {
  const perRun = options.perRun ?? BULLETINS_PER_RUN;
  const nodes = (await ctx
    .db('jurisdictions')
    .whereIn('level', ['province', 'city', 'county'])
    .orderBy('path')
    .select('id', 'code', 'name', 'level', 'path')) as BulletinNode[];
  let built = 0;
  for (const periodId of periodsJustEnded(ctx.now())) {
    const done = new Set(
      (
        (await ctx.db('bulletins').where({ period_id: periodId }).whereNot('status', 'failed').distinct('node_id')) as Array<{
          node_id: string;
        }>
      ).map((row) => row.node_id),
    );
    for (const node of nodes.filter((candidate) => !done.has(candidate.id))) {
      if (built >= perRun) return { built };
      const { bulletin, created } = await requestBulletin(ctx, { actor: systemActor('bulletin-schedule') }, { node, periodId });
      if (!created) continue;
      await buildBulletin(ctx, bulletin.id);
      built++;
    }
  }
  return { built };
}
