// Transport for the assessment: the units of the caller's scope ranked (a province's cities, a city's
// counties; with ?city= one city's counties, with ?county= one county's schools), and the records behind any
// figure. Scoping is the node's: a county user names only its own county or its schools, a city user no other city.
import type { AssessmentPeriod } from '../../analytics/assessment';
import { reportedPeriod } from './reported-period';
import type { DomainContext } from '../context';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { findNodeByCode } from '../org/queries';
import type { Actor } from '../policy/actor';
import { requireScopedActor, scopePathOf } from '../policy/policy';
import { assessScope } from './assess';
import { indicatorRecords } from './records';
import { AssessmentQuery, AssessmentResult, RecordsQuery, RecordsResult } from './schemas';

const presentPeriod = (period: AssessmentPeriod) => ({
  id: period.id,
  kind: period.kind,
  from: period.from,
  to: period.to,
  label: period.label,
});

/** The node of `?school=` (a school code), else `?county=`, else `?city=`, else the actor's own. */
async function nodeOf({
  ctx,
  actor,
  query,
}: {
  ctx: DomainContext;
  actor: Actor;
  query: { city?: string | undefined; county?: string | undefined; school?: string | undefined };
}) {
  if (query.school) {
    const row = (await ctx.db('schools').where({ code: query.school }).first('scope_path')) as { scope_path: string } | undefined;
    return row ? { path: row.scope_path } : undefined;
  }
  if (query.county) {
    const node = await findNodeByCode(ctx.db, query.county);
    return node?.level === 'county' ? node : undefined;
  }
  if (query.city) {
    const node = await findNodeByCode(ctx.db, query.city);
    return node?.level === 'city' ? node : undefined;
  }
  return { path: scopePathOf(actor) };
}

export function assessmentRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/assessment',
      summary:
        "The units of the caller's scope ranked for a period (a province's cities, a city's counties; with city that city's counties, with county that county's schools), with every indicator",
      tags: ['assessment'],
      action: 'assessment.read',
      query: AssessmentQuery,
      refs: { 'query.city': 'node', 'query.county': 'node' },
      node: nodeOf,
      response: AssessmentResult,
      handler: async ({ ctx, actor, query, node }) => {
        const county = query.county ? await findNodeByCode(ctx.db, query.county) : undefined;
        const city = !county && query.city ? await findNodeByCode(ctx.db, query.city) : undefined;
        const ownLevel = requireScopedActor(actor).node.level;
        const result = await assessScope(ctx.db, {
          scopePath: node!.path,
          periodId: reportedPeriod(query.period, ctx.now()).id,
          level: county ? 'school' : city || ownLevel !== 'province' ? 'county' : 'city',
          now: ctx.now(),
        });
        return {
          period: presentPeriod(result.period),
          previousPeriod: presentPeriod(result.previousPeriod),
          level: result.level,
          city: city ? { code: city.code, name: city.name } : null,
          county: county ? { code: county.code, name: county.name } : null,
          weights: result.weights,
          alertHandlingHours: result.alertHandlingHours,
          units: result.units.map((unit) => ({ ...unit, code: unit.id })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/assessment/records',
      summary: 'The records behind an indicator for a period (e.g. the failed patrols, the overdue tasks), in scope',
      tags: ['assessment'],
      action: 'assessment.read',
      query: RecordsQuery,
      refs: { 'query.city': 'node', 'query.county': 'node', 'query.school': 'school_code' },
      node: nodeOf,
      response: RecordsResult,
      handler: async ({ ctx, query, node }) => {
        const period = reportedPeriod(query.period, ctx.now());
        const items = await indicatorRecords(ctx.db, {
          scopePath: node!.path,
          period,
          indicator: query.indicator,
          met: query.met,
          limit: query.limit,
          now: ctx.now(),
        });
        return { period: presentPeriod(period), indicator: query.indicator, items };
      },
    }),
  ];
}
