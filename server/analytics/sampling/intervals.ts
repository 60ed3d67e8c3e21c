// How often a camera is sampled for detection when the sampling runs through the Redis queue: after each
// visit, a camera is due again after the interval of its canteen's risk grade (a D canteen more often than an
// A one); a visit is a few seconds of frames, so dwell rules still see a person stay.
import { z } from 'zod';
import type { RiskGrade } from '../../../analytics/risk';

const seconds = z
  .number()
  .int()
  .min(1)
  .max(24 * 3600);

export const SamplingSettingSchema = z
  .strictObject({
    /** Seconds between the starts of two visits of a camera, by its canteen's risk grade. */
    intervalSeconds: z.strictObject({ A: seconds, B: seconds, C: seconds, D: seconds }),
    /** Seconds a worker samples a camera on each visit. */
    visitSeconds: z.number().int().min(1).max(300),
  })
  .refine(({ intervalSeconds: s }) => s.A >= s.B && s.B >= s.C && s.C >= s.D, {
    message: 'a higher risk grade is sampled at least as often: A ≥ B ≥ C ≥ D seconds',
  });
export type SamplingSetting = z.infer<typeof SamplingSettingSchema>;

export const DEFAULT_SAMPLING: SamplingSetting = {
  intervalSeconds: { A: 1800, B: 900, C: 300, D: 120 },
  visitSeconds: 10,
};

/** A canteen never graded (added since the last grading) is sampled as C: an unknown risk is not a low one. */
export const UNGRADED_AS: RiskGrade = 'C';

export function samplingIntervalMs(grade: RiskGrade | null, setting: SamplingSetting): number {
  return setting.intervalSeconds[grade ?? UNGRADED_AS] * 1000;
}
