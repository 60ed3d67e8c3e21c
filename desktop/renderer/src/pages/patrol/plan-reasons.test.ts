// The plan's reasons read back as the console shows them: grade, last look and flags.
import { describe, expect, it } from 'vitest';
import { readReasons } from './plan-reasons';

describe('plan reasons', () => {
  it('reads the grade, the last look and the flags the planner wrote', () => {
    expect(readReasons(['days_since_last:12', 'risk:47', 'grade:C', 'past_interval:23', 'overdue_tasks:2'])).toMatchObject({
      grade: 'C',
      provisional: false,
      risk: 47,
      daysSinceLast: 12,
      due: true,
      overdueTasks: 2,
      licenceExpired: false,
    });
    expect(readReasons(['never_patrolled', 'risk:30', 'grade:A:provisional', 'licence_expired'])).toMatchObject({
      grade: 'A',
      provisional: true,
      daysSinceLast: null,
      licenceExpired: true,
    });
  });
});
