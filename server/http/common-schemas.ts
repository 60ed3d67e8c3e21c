// Request fields shared by several modules.
import { z } from 'zod';
import { daysBetween } from '../../analytics/calendar/dates';
import { CalendarDateSchema, InstantSchema } from '../../analytics/calendar/schemas';

/** A real calendar day 'YYYY-MM-DD' (Asia/Shanghai) within the platform's years. */
export const CalendarDate = CalendarDateSchema;
/** A date and time with its offset, within the platform's years. */
export const Instant = InstantSchema;

/** Sent by a client with a create so that a retry of it makes nothing new. */
export const IdempotencyKey = z
  .string()
  .min(8)
  .max(128)
  .regex(/^[\w:.-]+$/, 'letters, digits and :._- only');

/** A deadline as an instant, or as hours from now; neither means the jurisdiction's default. */
export const DeadlineFields = {
  deadline: Instant.optional(),
  deadlineHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 180)
    .optional(),
};

/**
 * A `from`–`to` pair of calendar days (both included) on a request: in order, and at most `maxDays` long. Either
 * may be left out where the schema lets it (the route then fills it in).
 */
export function boundedDateRange<S extends z.ZodType<{ from?: string | undefined; to?: string | undefined }>>(
  schema: S,
  maxDays: number,
): S {
  return schema
    .refine((range) => !range.from || !range.to || range.from <= range.to, { message: '"from" must not be after "to"', path: ['to'] })
    .refine((range) => !range.from || !range.to || daysBetween(range.from, range.to) < maxDays, {
      message: `a range covers at most ${maxDays} days`,
      path: ['to'],
    });
}
