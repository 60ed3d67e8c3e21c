// The scheduled bulletins: once a month or a quarter has ended, one bulletin of it for the city and for each
// county, built one after another. A node and period that already has a bulletin (of any outcome but a failure)
// is left alone, so the job can run as often as it likes.
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

export async function runScheduledBulletins(ctx: DomainContext): Promise<{ built: number }> {
  const nodes = (await ctx
    .db('jurisdictions')
    .whereIn('level', ['city', 'county'])
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
      const { bulletin, created } = await requestBulletin(ctx, { actor: systemActor('bulletin-schedule') }, { node, periodId });
      if (!created) continue;
      await buildBulletin(ctx, bulletin.id);
      built++;
    }
  }
  return { built };
}
