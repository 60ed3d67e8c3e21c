// The assessment indicators: each a rate of two counts that SQL aggregates per county (or school) and period.
// A county's counts are the sums of its schools' counts, so a county and its schools are judged alike.
//
// | indicator             | code                  | rate = numerator / denominator                                            |
// | --------------------- | --------------------- | ------------------------------------------------------------------------- |
// | platform usage        | platform_usage        | school-days with any ledger entry / school-days (Σ over schools of the    |
// |                       |                       | school days in the period). With one calendar for all schools this is the |
// |                       |                       | mean over schools of (their active school days / school days).            |
// | patrol coverage       | patrol_coverage       | canteens patrolled at least once / canteens                               |
// | patrol pass rate      | patrol_pass           | patrol records passed / patrol records                                    |
// | rectification rate    | rectification         | tasks due in the period (deadline in it, not cancelled) now closed / due  |
// | on-time rectification | rectification_on_time | of those closed, closed by their deadline / closed                        |
// | alert handling        | alert_handling        | alerts raised in the period confirmed or dismissed within N hours of      |
// |                       |                       | being raised (N = setting assessment.alertHandlingHours, default          |
// |                       |                       | ALERT_HANDLING_HOURS) / alerts raised                                     |
// | camera online rate    | camera_online         | online camera-seconds / observed camera-seconds in the period (up to now  |
// |                       |                       | for the period under way), from each camera's status history: observed =  |
// |                       |                       | a known status, online = 'online' (see camera-availability.ts)            |
// | complaint resolution  | complaint_resolution  | complaints received in the period now closed / received                   |
// | ledger completeness   | ledger_completeness   | required ledger items present / required (see analytics/ledgers)          |
//
// A numerator counts only what its denominator counts (a closed task is one of the tasks due), so no rate
// exceeds 1; counts that break this are refused, since they mean the query is wrong.

export const INDICATOR_CODES = [
  'platform_usage',
  'patrol_coverage',
  'patrol_pass',
  'rectification',
  'rectification_on_time',
  'alert_handling',
  'camera_online',
  'complaint_resolution',
  'ledger_completeness',
] as const;

export type IndicatorCode = (typeof INDICATOR_CODES)[number];

/** The counts behind the indicators, for one county (or school) and one period. Absent counts are zero. */
export interface AssessmentCounts {
  schoolDays?: number;
  schoolDaysWithLedgerActivity?: number;
  canteens?: number;
  canteensPatrolled?: number;
  patrols?: number;
  patrolsPassed?: number;
  tasksDue?: number;
  tasksClosed?: number;
  tasksClosedOnTime?: number;
  alertsRaised?: number;
  alertsHandledInTime?: number;
  /** Camera-seconds in the period with a known status, summed over cameras. */
  cameraSecondsObserved?: number;
  /** Camera-seconds in the period with the status 'online' (a part of the observed ones). */
  cameraSecondsOnline?: number;
  complaintsReceived?: number;
  complaintsClosed?: number;
  ledgerItemsRequired?: number;
  ledgerItemsPresent?: number;
}

export type CountName = keyof AssessmentCounts;

export interface IndicatorDefinition {
  code: IndicatorCode;
  numerator: CountName;
  denominator: CountName;
  label: { zh: string; en: string };
}

export const INDICATORS: Readonly<Record<IndicatorCode, IndicatorDefinition>> = {
  platform_usage: {
    code: 'platform_usage',
    numerator: 'schoolDaysWithLedgerActivity',
    denominator: 'schoolDays',
    label: { zh: '平台使用率', en: 'Platform usage' },
  },
  patrol_coverage: {
    code: 'patrol_coverage',
    numerator: 'canteensPatrolled',
    denominator: 'canteens',
    label: { zh: '巡查覆盖率', en: 'Patrol coverage' },
  },
  patrol_pass: {
    code: 'patrol_pass',
    numerator: 'patrolsPassed',
    denominator: 'patrols',
    label: { zh: '巡查合格率', en: 'Patrol pass rate' },
  },
  rectification: {
    code: 'rectification',
    numerator: 'tasksClosed',
    denominator: 'tasksDue',
    label: { zh: '整改完成率', en: 'Rectification rate' },
  },
  rectification_on_time: {
    code: 'rectification_on_time',
    numerator: 'tasksClosedOnTime',
    denominator: 'tasksClosed',
    label: { zh: '按期整改率', en: 'On-time rectification' },
  },
  alert_handling: {
    code: 'alert_handling',
    numerator: 'alertsHandledInTime',
    denominator: 'alertsRaised',
    label: { zh: '预警及时处置率', en: 'Alert handling in time' },
  },
  camera_online: {
    code: 'camera_online',
    numerator: 'cameraSecondsOnline',
    denominator: 'cameraSecondsObserved',
    label: { zh: '摄像头在线率', en: 'Camera online rate' },
  },
  complaint_resolution: {
    code: 'complaint_resolution',
    numerator: 'complaintsClosed',
    denominator: 'complaintsReceived',
    label: { zh: '投诉办结率', en: 'Complaint resolution' },
  },
  ledger_completeness: {
    code: 'ledger_completeness',
    numerator: 'ledgerItemsPresent',
    denominator: 'ledgerItemsRequired',
    label: { zh: '台账完整率', en: 'Ledger completeness' },
  },
};

/**
 * Hours within which an alert must be confirmed or dismissed to count as handled in time: the default of the
 * setting assessment.alertHandlingHours.
 */
export const ALERT_HANDLING_HOURS = 24;
