import { z } from 'zod';
import { RISK_GRADES, type RiskGrade } from '../../analytics/risk';
import { ALERT_CATEGORY_CODES } from '../alerts/categories';
import { CalendarDate, Instant } from '../http/common-schemas';
import { pageOf, pagingQuery } from '../http/paging';
import { AdminCode, SCHOOL_TYPES } from '../org/schemas';

export const Grade = z.enum(RISK_GRADES as [RiskGrade, ...RiskGrade[]]);

export const HEATMAP_MAX_DAYS = 90;
export const HEATMAP_DEFAULT_DAYS = 30;

export const RiskFactor = z
  .object({
    code: z.string(),
    label: z.string(),
    part: z.enum(['static', 'dynamic']),
    points: z.number(),
    evidence: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  })
  .meta({ id: 'RiskFactor' });

const GradeCounts = z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int(), D: z.number().int() });

const Assessment = {
  score: z.number(),
  grade: Grade,
  static: z.number(),
  dynamic: z.number(),
  factors: z.array(RiskFactor),
};

export const CanteenRiskListQuery = z.strictObject({
  county: AdminCode.optional(),
  grade: Grade.optional(),
  ...pagingQuery,
});

export const CanteenRisk = z
  .object({
    canteen: z.object({ id: z.uuid(), name: z.string() }),
    school: z.object({ id: z.uuid(), name: z.string(), type: z.enum(SCHOOL_TYPES) }),
    county: z.object({ code: z.string(), name: z.string() }),
    ...Assessment,
    /** Days between network patrols this grade asks for. */
    patrolIntervalDays: z.number().int(),
    computedAt: z.iso.datetime(),
  })
  .meta({ id: 'CanteenRisk' });

export const CanteenRiskPage = pageOf(CanteenRisk);

export const CanteenRiskDetail = z
  .object({
    canteen: z.object({
      id: z.uuid(),
      name: z.string(),
      operationMode: z.enum(['self_run', 'contracted']),
      diners: z.number().int(),
      licenceExpiry: z.string(),
      lastPatrolAt: z.iso.datetime().nullable(),
    }),
    school: z.object({ id: z.uuid(), name: z.string(), type: z.enum(SCHOOL_TYPES) }),
    county: z.object({ code: z.string(), name: z.string() }),
    /** Null until the canteen is first graded. */
    current: z.object({ ...Assessment, patrolIntervalDays: z.number().int(), computedAt: z.iso.datetime() }).nullable(),
    /** One row per Asia/Shanghai day, oldest first, over the last 90 days. */
    history: z.array(z.object({ day: z.string(), ...Assessment })),
  })
  .meta({ id: 'CanteenRiskDetail' });

export const DistributionQuery = z.strictObject({ county: AdminCode.optional() });

const DistributionRow = z.object({
  ...GradeCounts.shape,
  ungraded: z.number().int(),
  canteens: z.number().int(),
});

export const Distribution = z
  .object({
    total: DistributionRow,
    counties: z.array(z.object({ code: z.string(), name: z.string(), ...DistributionRow.shape })),
  })
  .meta({ id: 'RiskDistribution' });

/** An instant, or a calendar day (Asia/Shanghai): `from` at its start, `to` at its end. */
const DayOrInstant = z.union([CalendarDate, Instant]);

export const HeatmapQuery = z.strictObject({
  from: DayOrInstant.optional(),
  to: DayOrInstant.optional(),
  category: z.enum(ALERT_CATEGORY_CODES).optional(),
  county: AdminCode.optional(),
});

export const Heatmap = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    category: z.string().nullable(),
    /** Alerts (not dismissed) seen in the window, per canteen, for a deck.gl HeatmapLayer (weight = count). */
    points: z.array(z.object({ canteenId: z.uuid(), lng: z.number(), lat: z.number(), count: z.number().int() })),
    total: z.number().int(),
  })
  .meta({ id: 'RiskHeatmap' });

export const RecomputeBody = z.strictObject({ county: AdminCode.optional() });

export const RecomputeResult = z.object({
  day: z.string(),
  canteens: z.number().int(),
  changed: z.number().int(),
  counties: z.number().int(),
  byGrade: GradeCounts,
  ms: z.number().int(),
});
