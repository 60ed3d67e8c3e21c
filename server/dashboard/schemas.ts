// The command room's figures: headline counts, alerts by category, a 30-day trend, one row per county and the
// canteens as map points. Rates are ratios (0–1) and null when there was nothing to divide.
import { z } from 'zod';
import { ALERT_CATEGORY_CODES } from '../alerts/categories';
import { LEVELS } from '../policy/actor';
import { AdminCode } from '../org/schemas';
import { Grade } from '../risk/schemas';

export const TREND_DAYS = 30;

export const DashboardQuery = z.strictObject({
  /** Narrow the figures to one county (or any node) under your own; default: your whole jurisdiction. */
  county: AdminCode.optional(),
});

const Count = z.number().int().min(0);
const Ratio = z.number().min(0).max(1).nullable();

const ScopeRef = z.object({ code: z.string(), name: z.string(), level: z.string() });

const CategoryCount = z.object({ code: z.enum(ALERT_CATEGORY_CODES), zh: z.string(), en: z.string(), count: Count });

export const DashboardSummary = z
  .object({
    scope: ScopeRef,
    /** Today's calendar date in Asia/Shanghai: "today" below runs from its midnight. */
    day: z.string(),
    asOf: z.iso.datetime(),
    kpis: z.object({
      /** Alerts first seen today (any status; repeats folded into one alert count once). */
      alertsToday: Count,
      /** Tasks not yet closed or cancelled: dispatched, accepted, submitted, returned. */
      openTasks: Count,
      /** Tasks still owed (dispatched, accepted, returned) past their deadline. */
      overdueTasks: Count,
      patrol: z.object({
        /** Canteens in today's patrol plan, and how many of them have been patrolled. */
        planned: Count,
        done: Count,
        recordsToday: Count,
        passedToday: Count,
        passRateToday: Ratio,
        records30Days: Count,
        passed30Days: Count,
        passRate30Days: Ratio,
      }),
      cameras: z.object({
        total: Count,
        online: Count,
        /** Reported offline, frozen, blurred or covered. */
        faulty: Count,
        onlineRate: Ratio,
      }),
    }),
    categories: z.object({
      /** Alerts per category, most first; categories with none are left out. */
      today: z.array(CategoryCount),
      last30Days: z.array(CategoryCount),
    }),
  })
  .meta({ id: 'DashboardSummary' });

export const DashboardTrend = z
  .object({
    from: z.string(),
    to: z.string(),
    /** One row per Asia/Shanghai day, oldest first, today last. */
    days: z.array(z.object({ day: z.string(), alertsRaised: Count, tasksDispatched: Count, tasksClosed: Count })),
  })
  .meta({ id: 'DashboardTrend' });

/** What the ranking and the map show of one area: a county of a city, a city of a province, a school of a county. */
const AreaFigures = z.object({
  code: z.string(),
  name: z.string(),
  center: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  canteens: Count,
  cameras: z.object({ total: Count, online: Count, onlineRate: Ratio }),
  openTasks: Count,
  overdueTasks: Count,
  alertsToday: Count,
  patrol30Days: z.object({ total: Count, passed: Count, passRate: Ratio }),
  grades: z.object({ A: Count, B: Count, C: Count, D: Count, ungraded: Count }),
});

export const CountyFigures = AreaFigures.meta({ id: 'DashboardCounty' });

export const DashboardCounties = z.object({ day: z.string(), items: z.array(CountyFigures) }).meta({ id: 'DashboardCounties' });

export const CanteenPoint = z
  .object({
    id: z.uuid(),
    lng: z.number(),
    lat: z.number(),
    county: z.string(),
    /** Null until the canteen is first graded. */
    grade: Grade.nullable(),
  })
  .meta({ id: 'DashboardCanteenPoint' });

export const DashboardCanteens = z.object({ items: z.array(CanteenPoint) }).meta({ id: 'DashboardCanteens' });

export const DashboardNodeQuery = z.strictObject({
  /** The node whose children are asked for (any node under your own); default: your own. */
  node: AdminCode.optional(),
});

export const ChildFigures = AreaFigures.extend({ level: z.enum(LEVELS) }).meta({ id: 'DashboardChild' });

export const DashboardChildren = z
  .object({ day: z.string(), node: ScopeRef, items: z.array(ChildFigures) })
  .meta({ id: 'DashboardChildren' });
