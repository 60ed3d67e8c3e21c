// The period a request asks to assess or report on: one that has begun (an assessment of the running month is
// the month so far; a period still to come has nothing to count).
import { parsePeriod, type AssessmentPeriod } from '../../analytics/assessment';
import { invalidInput } from '../errors';

export function reportedPeriod(periodId: string, now: Date): AssessmentPeriod {
  const period = parsePeriod(periodId);
  if (period.startsAt > now) throw invalidInput(`The period ${period.id} has not begun`, [{ path: 'period', code: 'not_begun' }]);
  return period;
}
