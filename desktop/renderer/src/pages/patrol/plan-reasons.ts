// A plan item's reasons are machine words the planner wrote ('days_since_last:12', 'past_interval:23', …);
// this reads them back into what the console shows: the last look and the flags. The grade is not among
// them: the plan item carries the canteen's current grade, the one the map and the risk API show.
export interface PlanReasons {
  /** Days since the last look; null when never looked at. */
  daysSinceLast: number | null;
  due: boolean;
  /** Never graded: planned on what grading makes of its profile alone. */
  ungraded: boolean;
  /** No camera of the canteen was online when the plan was made. */
  noLiveVideo: boolean;
  licenceExpired: boolean;
  recentAlerts: number;
  overdueTasks: number;
}

export function readReasons(reasons: readonly string[]): PlanReasons {
  const read: PlanReasons = {
    daysSinceLast: null,
    due: false,
    ungraded: false,
    noLiveVideo: false,
    licenceExpired: false,
    recentAlerts: 0,
    overdueTasks: 0,
  };
  for (const reason of reasons) {
    const [word, value] = reason.split(':');
    if (word === 'days_since_last') read.daysSinceLast = Number(value);
    else if (word === 'past_interval') read.due = true;
    else if (word === 'ungraded') read.ungraded = true;
    else if (word === 'no_live_video') read.noLiveVideo = true;
    else if (word === 'licence_expired') read.licenceExpired = true;
    else if (word === 'recent_alerts') read.recentAlerts = Number(value);
    else if (word === 'overdue_tasks') read.overdueTasks = Number(value);
  }
  return read;
}
