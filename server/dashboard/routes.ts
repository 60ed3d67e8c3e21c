// Transport for the command room's big screen: headline figures, the 30-day trend, the county ranking and the
// canteens on the map, each over the caller's jurisdiction (or one node under it), and for a drill down the
// tree (province → cities → counties → schools) the children of any node in scope with their outlines.
import { ALERT_CATEGORIES } from '../alerts/categories';
import { BoundaryCollection } from '../org/schemas';
import type { DomainContext } from '../context';
import { notFound } from '../errors';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { addDays, shanghaiDate, startOfShanghaiDay } from '../time';
import { areaOutlines, childFigures, type ChildRow } from './child-figures';
import {
  alertsByCategory,
  cameraCounts,
  canteenPoints,
  citiesCovering,
  countyFigures,
  dailyTrend,
  patrolCounts,
  planProgress,
  scopeNode,
  taskCounts,
} from './queries';
import {
  DashboardCanteens,
  DashboardChildren,
  DashboardCounties,
  DashboardNodeQuery,
  DashboardQuery,
  DashboardSummary,
  DashboardTrend,
  TREND_DAYS,
} from './schemas';

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** One area's row of the ranking (a county, a city or a school), its rates worked out. */
const presentArea = (row: Omit<ChildRow, 'level'>) => ({
  code: row.code,
  name: row.name,
  center: row.centerLng === null || row.centerLat === null ? null : { lng: row.centerLng, lat: row.centerLat },
  canteens: row.canteens,
  cameras: { total: row.cameras, online: row.camerasOnline, onlineRate: ratio(row.camerasOnline, row.cameras) },
  openTasks: row.openTasks,
  overdueTasks: row.overdueTasks,
  alertsToday: row.alertsToday,
  patrol30Days: { total: row.patrols, passed: row.patrolsPassed, passRate: ratio(row.patrolsPassed, row.patrols) },
  grades: row.grades,
});

/** Today in Asia/Shanghai, its midnight, and the midnight that opens the 30-day window ending today. */
function days(now: Date) {
  const today = shanghaiDate(now);
  const first = addDays(today, -(TREND_DAYS - 1));
  return { today, todayStart: startOfShanghaiDay(today), first, since: startOfShanghaiDay(first) };
}

/**
 * Progress on today's patrol plan of every city covering the scope. A read: the plans are made by the
 * scheduler's daily job (or by the patrol console opening today's plan); none yet counts as nothing planned.
 */
async function todaysPlan(ctx: DomainContext, scopePath: string, today: string) {
  const cities = await citiesCovering(ctx.db, scopePath);
  const plans = (await ctx
    .db('patrol_plans')
    .whereIn(
      'jurisdiction_id',
      cities.map((city) => city.id),
    )
    .where({ plan_date: today })
    .select('id')) as Array<{ id: string }>;
  return planProgress(
    ctx.db,
    plans.map((plan) => plan.id),
    scopePath,
  );
}

export function dashboardRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/dashboard/summary',
      summary:
        "Headline figures: today's alerts, open and overdue tasks, patrol against today's plan and pass rates, cameras online, alerts by category",
      tags: ['dashboard'],
      action: 'dashboard.read',
      query: DashboardQuery,
      refs: { 'query.county': 'node' },
      node: 'query.county',
      response: DashboardSummary,
      handler: async ({ ctx, node }) => {
        const path = node!.path;
        const now = ctx.now();
        const { today, todayStart, since } = days(now);
        const [scope, categories, tasks, patrol, plan, cameras] = await Promise.all([
          scopeNode(ctx.db, path),
          alertsByCategory(ctx.db, path, todayStart, since),
          taskCounts(ctx.db, path, now),
          patrolCounts(ctx.db, path, todayStart, since),
          todaysPlan(ctx, path, today),
          cameraCounts(ctx.db, path),
        ]);
        if (!scope) throw notFound('jurisdiction');
        const named = (category: (typeof categories)[number]['category'], count: number) => ({
          code: category,
          zh: ALERT_CATEGORIES[category].zh,
          en: ALERT_CATEGORIES[category].en,
          count,
        });
        const ranked = (pick: 'today' | 'total') =>
          categories
            .filter((row) => row[pick] > 0)
            .sort((a, b) => b[pick] - a[pick] || a.category.localeCompare(b.category))
            .map((row) => named(row.category, row[pick]));
        return {
          scope,
          day: today,
          asOf: now.toISOString(),
          kpis: {
            alertsToday: categories.reduce((sum, row) => sum + row.today, 0),
            openTasks: tasks.open,
            overdueTasks: tasks.overdue,
            patrol: {
              ...plan,
              ...patrol,
              passRateToday: ratio(patrol.passedToday, patrol.recordsToday),
              passRate30Days: ratio(patrol.passed30Days, patrol.records30Days),
            },
            cameras: { ...cameras, onlineRate: ratio(cameras.online, cameras.total) },
          },
          categories: { today: ranked('today'), last30Days: ranked('total') },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/dashboard/trend',
      summary: 'Per day over the last 30 days (Asia/Shanghai): alerts raised, tasks dispatched, tasks closed',
      tags: ['dashboard'],
      action: 'dashboard.read',
      query: DashboardQuery,
      refs: { 'query.county': 'node' },
      node: 'query.county',
      response: DashboardTrend,
      handler: async ({ ctx, node }) => {
        const { today, first, since } = days(ctx.now());
        const byDay = await dailyTrend(ctx.db, node!.path, since);
        const rows = Array.from({ length: TREND_DAYS }, (_, i) => {
          const day = addDays(first, i);
          return byDay.get(day) ?? { day, alertsRaised: 0, tasksDispatched: 0, tasksClosed: 0 };
        });
        return { from: first, to: today, days: rows };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/dashboard/counties',
      summary:
        'One row per county in scope for the ranking: canteens, cameras online, open and overdue tasks, alerts today, 30-day patrol pass rate, risk grades',
      tags: ['dashboard'],
      action: 'dashboard.read',
      query: DashboardQuery,
      refs: { 'query.county': 'node' },
      node: 'query.county',
      response: DashboardCounties,
      handler: async ({ ctx, node }) => {
        const now = ctx.now();
        const { today, todayStart, since } = days(now);
        const rows = await countyFigures(ctx.db, node!.path, now, todayStart, since);
        return {
          day: today,
          items: rows.map(presentArea),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/dashboard/canteens',
      summary: 'Every canteen in scope as a map point with its county and current risk grade',
      tags: ['dashboard'],
      action: 'dashboard.read',
      query: DashboardQuery,
      refs: { 'query.county': 'node' },
      node: 'query.county',
      response: DashboardCanteens,
      handler: async ({ ctx, node }) => ({ items: await canteenPoints(ctx.db, node!.path) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/dashboard/children',
      summary:
        'One row per child of a node (a province: its cities; a city: its counties; a county: its schools) with the ranking figures: canteens, cameras online, open and overdue tasks, alerts today, 30-day patrol pass rate, risk grades',
      tags: ['dashboard'],
      action: 'dashboard.read',
      query: DashboardNodeQuery,
      refs: { 'query.node': 'node' },
      node: 'query.node',
      response: DashboardChildren,
      handler: async ({ ctx, node }) => {
        const path = node!.path;
        const now = ctx.now();
        const { today, todayStart, since } = days(now);
        const [scope, rows] = await Promise.all([scopeNode(ctx.db, path), childFigures(ctx.db, path, now, todayStart, since)]);
        if (!scope) throw notFound('jurisdiction');
        return {
          day: today,
          node: scope,
          items: rows.map((row) => ({ ...presentArea(row), level: row.level })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/dashboard/areas',
      summary: "Outlines (GeoJSON, WGS84) of a node and of its children: what the big screen's map of that node draws",
      tags: ['dashboard'],
      action: 'dashboard.read',
      query: DashboardNodeQuery,
      refs: { 'query.node': 'node' },
      node: 'query.node',
      response: BoundaryCollection,
      handler: async ({ ctx, node }) => ({
        type: 'FeatureCollection' as const,
        features: (await areaOutlines(ctx.db, node!.path)).map((row) => ({
          type: 'Feature' as const,
          properties: { code: row.code, name: row.name, level: row.level },
          geometry: row.boundary as { type: string; coordinates: unknown },
        })),
      }),
    }),
  ];
}
