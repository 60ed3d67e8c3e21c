// The plan's reasons read back as the console shows them: last look and flags.
import { describe, expect, it } from 'vitest';
import { readReasons } from './plan-reasons';

describe('plan reasons', () => {
  it('reads the last look and the flags the planner wrote', () => {
    expect(readReasons(['days_since_last:12', 'past_interval:23', 'overdue_tasks:2'])).toMatchObject({
      daysSinceLast: 12,
      due: true,
      overdueTasks: 2,
      licenceExpired: false,
      ungraded: false,
      noLiveVideo: false,
    });
    expect(readReasons(['never_patrolled', 'ungraded', 'no_live_video', 'licence_expired'])).toMatchObject({
      daysSinceLast: null,
      ungraded: true,
      noLiveVideo: true,
      licenceExpired: true,
    });
  });
});
