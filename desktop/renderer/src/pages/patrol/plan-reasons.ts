// A plan item's reasons are machine words the planner wrote ('grade:C', 'days_since_last:12', …); this
// reads them back into what the console shows: the risk grade, the last look, and the flags.
export type Grade = 'A' | 'B' | 'C' | 'D';

export interface PlanReasons {
  grade: Grade | null;
  provisional: boolean;
  risk: number | null;
  /** Days since the last look; null when never looked at. */
  daysSinceLast: number | null;
  due: boolean;
  licenceExpired: boolean;
  recentAlerts: number;
  overdueTasks: number;
}

export function readReasons(reasons: readonly string[]): PlanReasons {
  const read: PlanReasons = {
    grade: null,
    provisional: false,
    risk: null,
    daysSinceLast: null,
    due: false,
    licenceExpired: false,
    recentAlerts: 0,
    overdueTasks: 0,
  };
  for (const reason of reasons) {
    const [word, value, extra] = reason.split(':');
    if (word === 'grade' && value && /^[ABCD]$/.test(value)) {
      read.grade = value as Grade;
      read.provisional = extra === 'provisional';
    } else if (word === 'risk') read.risk = Number(value);
    else if (word === 'days_since_last') read.daysSinceLast = Number(value);
    else if (word === 'past_interval') read.due = true;
    else if (word === 'licence_expired') read.licenceExpired = true;
    else if (word === 'recent_alerts') read.recentAlerts = Number(value);
    else if (word === 'overdue_tasks') read.overdueTasks = Number(value);
  }
  return read;
}
