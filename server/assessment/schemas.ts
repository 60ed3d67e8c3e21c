import { z } from 'zod';
import { INDICATOR_CODES, PeriodId } from '../../analytics/assessment';
import { AdminCode, NodeCode } from '../org/schemas';

export const Indicator = z.enum(INDICATOR_CODES);

export const AssessmentQuery = z.strictObject({
  period: PeriodId,
  /** One city's counties, by a province user, instead of the cities of the province. */
  city: AdminCode.optional(),
  /** One county's schools instead of the counties of the caller's scope. */
  county: AdminCode.optional(),
});

const Label = z.object({ zh: z.string(), en: z.string() });

export const Period = z.object({
  id: z.string(),
  kind: z.enum(['month', 'quarter', 'year']),
  from: z.string(),
  to: z.string(),
  label: Label,
});

export const IndicatorFigure = z.object({
  code: Indicator,
  numerator: z.number(),
  denominator: z.number(),
  rate: z.number().nullable(),
  weight: z.number(),
  effectiveWeight: z.number(),
  points: z.number(),
});

export const AssessedUnit = z
  .object({
    code: z.string(),
    name: z.string(),
    score: z.number().nullable(),
    rank: z.number().int().nullable(),
    indicators: z.array(IndicatorFigure),
    previous: z.object({ score: z.number().nullable(), rank: z.number().int().nullable() }).nullable(),
    scoreDelta: z.number().nullable(),
    rankDelta: z.number().int().nullable(),
  })
  .meta({ id: 'AssessedUnit' });

export const AssessmentResult = z
  .object({
    period: Period,
    previousPeriod: Period,
    /** What the units are: a province's cities, a city's counties, or one county's schools. */
    level: z.enum(['city', 'county', 'school']),
    city: z.object({ code: z.string(), name: z.string() }).nullable(),
    county: z.object({ code: z.string(), name: z.string() }).nullable(),
    weights: z.record(Indicator, z.number()),
    /** An alert counts as handled in time when confirmed or dismissed within this many hours of being raised. */
    alertHandlingHours: z.number().int(),
    units: z.array(AssessedUnit),
  })
  .meta({ id: 'AssessmentResult' });

export const RECORDS_MAX = 500;

export const RecordsQuery = z.strictObject({
  period: PeriodId,
  indicator: Indicator,
  city: AdminCode.optional(),
  county: AdminCode.optional(),
  /** A school's code: the records of that school only. */
  school: NodeCode.optional(),
  /** Only the records the numerator counts (true) or those it does not (false: the failures). */
  met: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(RECORDS_MAX).default(200),
});

export const IndicatorRecord = z.object({
  type: z.enum(['canteen', 'patrol', 'task', 'alert', 'camera', 'complaint', 'school']),
  id: z.string(),
  label: z.string(),
  at: z.string().nullable(),
  school: z.object({ code: z.string(), name: z.string() }),
  county: z.object({ code: z.string(), name: z.string() }),
  met: z.boolean(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
});

export const RecordsResult = z
  .object({ period: Period, indicator: Indicator, items: z.array(IndicatorRecord) })
  .meta({ id: 'AssessmentRecords' });
