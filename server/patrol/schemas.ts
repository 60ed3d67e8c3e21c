import { z } from 'zod';
import { boundedDateRange, CalendarDate, IdempotencyKey, Instant } from '../http/common-schemas';
import { pageOf, pagingQuery } from '../http/paging';
import { Grade } from '../risk/schemas';
import { ChecklistContent, PATROL_ASPECTS } from './checklists/content';

export const Checklist = z
  .object({
    id: z.uuid(),
    code: z.string(),
    version: z.number().int(),
    name: z.string(),
    kind: z.enum(['inspection', 'remote_patrol']),
    active: z.boolean(),
    content: z.object({
      sections: z.array(
        z.object({
          code: z.string(),
          title: z.string(),
          items: z.array(
            z.object({
              code: z.string(),
              text: z.string(),
              key: z.boolean(),
              aspect: z.enum(PATROL_ASPECTS).optional(),
              guidance: z.string().optional(),
            }),
          ),
        }),
      ),
    }),
  })
  .meta({ id: 'Checklist' });

export const NewChecklistBody = z.strictObject({
  code: z.string().regex(/^[a-z0-9-]{3,40}$/),
  name: z.string().trim().min(2).max(100),
  kind: z.enum(['inspection', 'remote_patrol']),
  content: ChecklistContent,
});

export const PlanQuery = z.strictObject({
  date: CalendarDate.optional(),
  city: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const Plan = z.object({
  plan: z.object({ id: z.uuid(), date: z.string(), target: z.number().int() }),
  done: z.number().int(),
  total: z.number().int(),
  items: z.array(
    z.object({
      id: z.uuid(),
      position: z.number().int(),
      priority: z.number(),
      reasons: z.array(z.string()),
      status: z.enum(['pending', 'done']),
      result: z.enum(['passed', 'failed']).nullable(),
      recordId: z.uuid().nullable(),
      canteen: z.object({ id: z.uuid(), name: z.string() }),
      school: z.object({ id: z.uuid(), name: z.string() }),
      county: z.object({ code: z.string(), name: z.string() }),
      /** The county's city: a province's plan spans its cities. */
      city: z.object({ code: z.string(), name: z.string() }),
      /** The canteen's current risk grade, the one the map and the risk API show; null when never graded. */
      risk: z.object({ grade: Grade, score: z.number() }).nullable(),
    }),
  ),
});

export const PatrolRecordBody = z.strictObject({
  canteenId: z.uuid(),
  checklistId: z.uuid(),
  answers: z
    .array(
      z.strictObject({
        item: z.string().max(20),
        result: z.enum(['pass', 'fail', 'na']),
        note: z.string().trim().max(500).optional(),
        snapshotIds: z.array(z.uuid()).max(6).optional(),
      }),
    )
    .min(1)
    .max(300),
  note: z.string().trim().max(2000).optional(),
  startedAt: Instant.optional(),
  idempotencyKey: IdempotencyKey.optional(),
});

export const PatrolRecord = z
  .object({
    id: z.uuid(),
    canteen: z.object({ id: z.uuid(), name: z.string() }),
    school: z.object({ id: z.uuid(), name: z.string() }),
    operator: z.string(),
    checklistId: z.uuid(),
    result: z.enum(['passed', 'failed']),
    failedCount: z.number().int(),
    keyFailedCount: z.number().int(),
    answers: z.array(
      z.object({
        item: z.string(),
        result: z.enum(['pass', 'fail', 'na']),
        note: z.string().optional(),
        snapshotIds: z.array(z.uuid()).optional(),
      }),
    ),
    note: z.string().nullable(),
    startedAt: z.iso.datetime().nullable(),
    submittedAt: z.iso.datetime(),
  })
  .meta({ id: 'PatrolRecord' });

/** The longest span of days the pass rates are counted over at once. */
export const STATS_MAX_DAYS = 731;
/** The longest span a list of records is filtered by. */
export const FILTER_MAX_DAYS = 3_660;

export const RecordListQuery = boundedDateRange(
  z.strictObject({
    canteen: z.uuid().optional(),
    result: z.enum(['passed', 'failed']).optional(),
    from: CalendarDate.optional(),
    to: CalendarDate.optional(),
    ...pagingQuery,
  }),
  FILTER_MAX_DAYS,
);

export const RecordPage = pageOf(PatrolRecord);

export const StatsQuery = boundedDateRange(
  z.strictObject({ from: CalendarDate, to: CalendarDate, by: z.enum(['day', 'county']).default('day') }),
  STATS_MAX_DAYS,
);

export const Stats = z.object({
  total: z.number().int(),
  passed: z.number().int(),
  passRate: z.number().nullable(),
  rows: z.array(
    z.object({ key: z.string(), name: z.string(), total: z.number().int(), passed: z.number().int(), passRate: z.number().nullable() }),
  ),
});
