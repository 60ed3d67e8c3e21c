// Request fields shared by several modules.
import { z } from 'zod';

/** Sent by a client with a create so that a retry of it makes nothing new. */
export const IdempotencyKey = z
  .string()
  .min(8)
  .max(128)
  .regex(/^[\w:.-]+$/, 'letters, digits and :._- only');

/** A deadline as an instant, or as hours from now; neither means the jurisdiction's default. */
export const DeadlineFields = {
  deadline: z.iso.datetime({ offset: true }).optional(),
  deadlineHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 180)
    .optional(),
};
