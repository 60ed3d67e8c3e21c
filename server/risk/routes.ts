// Transport for risk grading: grades per canteen, distributions per county, alert density for the heatmap.
import { performance } from 'node:perf_hooks';
import { patrolIntervalDays } from '../../analytics/risk';
import { invalidInput, notFound } from '../errors';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { IdParams } from '../org/schemas';
import { addDays, shanghaiDate, startOfShanghaiDay } from '../time';
import { recomputeRisk } from './commands/recomputeRisk';
import { alertDensity, getCanteenRisk, gradeDistribution, listCanteenRisks, type CanteenRiskRow } from './queries';
import {
  CanteenRiskDetail,
  CanteenRiskListQuery,
  CanteenRiskPage,
  Distribution,
  DistributionQuery,
  Heatmap,
  HEATMAP_DEFAULT_DAYS,
  HEATMAP_MAX_DAYS,
  HeatmapQuery,
  RecomputeBody,
  RecomputeResult,
} from './schemas';

export const RISK_HISTORY_DAYS = 90;

const assessment = (row: Pick<CanteenRiskRow, 'score' | 'grade' | 'static' | 'dynamic' | 'factors'>) => ({
  score: Number(row.score),
  grade: row.grade,
  static: Number(row.static),
  dynamic: Number(row.dynamic),
  factors: row.factors,
});

const presentCanteenRisk = (row: CanteenRiskRow) => ({
  canteen: { id: row.canteen_id, name: row.canteen_name },
  school: { id: row.school_id, name: row.school_name, type: row.school_type },
  county: { code: row.county_code, name: row.county_name },
  ...assessment(row),
  patrolIntervalDays: patrolIntervalDays(row.grade),
  computedAt: row.computed_at.toISOString(),
});

/** The node named by `?county=` (any jurisdiction code), else the actor's own. */
/** `from` at the start of its day, `to` at the end of its day, when given as calendar days. */
function instant(value: string, edge: 'start' | 'end'): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return startOfShanghaiDay(edge === 'start' ? value : addDays(value, 1));
  return new Date(value);
}

export function riskRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/risk/canteens',
      summary: 'Graded canteens in scope (or in one county), highest risk first, with the factors that made each grade',
      tags: ['risk'],
      action: 'risk.read',
      query: CanteenRiskListQuery,
      refs: { 'query.county': 'node' },
      node: 'query.county',
      response: CanteenRiskPage,
      handler: async ({ ctx, query, node }) => {
        const page = await listCanteenRisks(ctx.db, {
          scopePath: node!.path,
          grade: query.grade,
          page: query.page,
          pageSize: query.pageSize,
        });
        return { ...page, items: page.items.map(presentCanteenRisk) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/risk/canteens/:id',
      summary: "A canteen's current risk grade with its factors, and its daily grades over the last 90 days",
      tags: ['risk'],
      action: 'risk.read',
      params: IdParams,
      refs: { 'params.id': 'canteen' },
      node: 'params.id',
      response: CanteenRiskDetail,
      handler: async ({ ctx, params }) => {
        const from = addDays(shanghaiDate(ctx.now()), -(RISK_HISTORY_DAYS - 1));
        const found = await getCanteenRisk(ctx.db, params.id, from);
        if (!found) throw notFound('canteen');
        const { canteen, current, history } = found;
        return {
          canteen: {
            id: canteen.id,
            name: canteen.name,
            operationMode: canteen.operation_mode,
            diners: canteen.diners,
            licenceExpiry: canteen.licence_expiry,
            lastPatrolAt: canteen.last_patrol_at?.toISOString() ?? null,
          },
          school: { id: canteen.school_id, name: canteen.school_name, type: canteen.school_type },
          county: { code: canteen.county_code, name: canteen.county_name },
          current: current
            ? {
                ...assessment(current),
                patrolIntervalDays: patrolIntervalDays(current.grade),
                computedAt: current.computed_at.toISOString(),
              }
            : null,
          history: history.map((row) => ({ day: row.day, ...assessment(row) })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/risk/distribution',
      summary: 'Canteens per risk grade in each county in scope (or in one county)',
      tags: ['risk'],
      action: 'risk.read',
      query: DistributionQuery,
      refs: { 'query.county': 'node' },
      node: 'query.county',
      response: Distribution,
      handler: async ({ ctx, node }) => {
        const counties = await gradeDistribution(ctx.db, node!.path);
        const total = { A: 0, B: 0, C: 0, D: 0, ungraded: 0, canteens: 0 };
        for (const row of counties) for (const key of Object.keys(total) as Array<keyof typeof total>) total[key] += row[key];
        return { total, counties };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/risk/heatmap',
      summary: `Alert density per canteen over a time window (default the last ${HEATMAP_DEFAULT_DAYS} days, at most ${HEATMAP_MAX_DAYS}), for a heatmap`,
      tags: ['risk'],
      action: 'risk.read',
      query: HeatmapQuery,
      refs: { 'query.county': 'node' },
      node: 'query.county',
      response: Heatmap,
      handler: async ({ ctx, query, node }) => {
        const to = query.to ? instant(query.to, 'end') : ctx.now();
        const from = query.from ? instant(query.from, 'start') : new Date(to.getTime() - HEATMAP_DEFAULT_DAYS * 86_400_000);
        if (from >= to) throw invalidInput('"from" must be before "to"');
        if (to.getTime() - from.getTime() > HEATMAP_MAX_DAYS * 86_400_000) {
          throw invalidInput(`The window is at most ${HEATMAP_MAX_DAYS} days`, { maxDays: HEATMAP_MAX_DAYS });
        }
        const points = await alertDensity(ctx.db, { scopePath: node!.path, from, to, category: query.category });
        return {
          from: from.toISOString(),
          to: to.toISOString(),
          category: query.category ?? null,
          points,
          total: points.reduce((sum, point) => sum + point.count, 0),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/risk/recompute',
      summary: 'Recompute the risk grades of every canteen in scope (or in one county) now',
      tags: ['risk'],
      action: 'settings.manage',
      body: RecomputeBody,
      refs: { 'body.county': 'node' },
      node: 'body.county',
      response: RecomputeResult,
      handler: async ({ ctx, caller, node }) => {
        const started = performance.now();
        const result = await recomputeRisk(ctx, { scopePath: node!.path }, caller);
        return { ...result, ms: Math.round(performance.now() - started) };
      },
    }),
  ];
}
