// Settings that a jurisdiction may set for everything beneath it (a city for its counties and schools).
// Each has a schema and a documented default; a node's effective value is the nearest one set on the path
// from the node up to the root, else the default.
import { z } from 'zod';
import { ALERT_HANDLING_HOURS, AssessmentWeightsSchema, DEFAULT_WEIGHTS } from '../../analytics/assessment';
import { DEFAULT_SCHOOL_CALENDAR, SchoolCalendarSettingSchema } from '../../analytics/calendar/school-calendar-setting';
import { ALERT_CATEGORY_CODES } from '../alerts/categories';
import { DEFAULT_SAMPLING, SamplingSettingSchema } from '../analytics/sampling/intervals';
import { CalendarDate } from '../http/common-schemas';

export const SETTINGS = {
  'alerts.quietGapMinutes': {
    schema: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    default: 30,
    description:
      'A repeat of one category on one camera joins its open alert (or the task it became); after that case closed, repeats within this many minutes are still counted on it, and only a later one raises a new alert',
  },
  'alerts.autoDispatch': {
    schema: z.partialRecord(
      z.enum(ALERT_CATEGORY_CODES),
      z.object({
        deadlineHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 90),
      }),
    ),
    default: {} as Record<string, { deadlineHours: number }>,
    description: 'Categories whose alerts are confirmed at once and sent to the school as a rectification notice',
  },
  'alerts.clipSecondsBefore': {
    schema: z.number().int().min(0).max(60),
    default: 10,
    description: 'Seconds of video before an alert’s first detection kept in its evidence clip',
  },
  'alerts.clipSecondsAfter': {
    schema: z.number().int().min(1).max(120),
    default: 20,
    description: 'Seconds of video after an alert’s first detection kept in its evidence clip',
  },
  'tasks.defaultDeadlineHours': {
    schema: z
      .number()
      .int()
      .min(1)
      .max(24 * 180),
    default: 72,
    description: 'Deadline of a task when the dispatcher names none',
  },
  'tasks.reminderHoursBefore': {
    schema: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    default: 24,
    description: 'How long before its deadline an open task reminds its assignee (at most a fifth of its time)',
  },
  'patrol.dailyTarget': {
    schema: z.number().int().min(0).max(5000),
    default: 20,
    description: 'Canteens in the daily network patrol plan (Hebei: at least 200 a day province-wide)',
  },
  'patrol.provinceDailyCanteens': {
    schema: z.number().int().min(200).max(20000),
    default: 200,
    description: 'Canteens in the province’s own daily network patrol plan, spread over its cities by risk (at least 200 a day)',
  },
  'ledgers.requiredFrom': {
    schema: CalendarDate.nullable(),
    default: null as string | null,
    description:
      'The first day electronic ledgers are required: no missing-record warning before it (unset: from each school’s first entry)',
  },
  'calendar.schoolDays': {
    schema: SchoolCalendarSettingSchema,
    default: DEFAULT_SCHOOL_CALENDAR,
    description:
      'School calendar: the weekdays schools open (default Monday to Friday), holidays and vacations as closed date ranges, and weekend make-up days (调休) on which they open; read by the ledger warnings, completeness and the assessment',
  },
  'assessment.weights': {
    schema: AssessmentWeightsSchema,
    default: { ...DEFAULT_WEIGHTS },
    description: 'Weights of the nine assessment indicators in the county and school score (relative, none negative)',
  },
  'assessment.alertHandlingHours': {
    schema: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    default: ALERT_HANDLING_HOURS,
    description: 'Hours within which an alert must be confirmed or dismissed to count as handled in time (预警及时处置) in the assessment',
  },
  'gb.keepaliveMisses': {
    schema: z.number().int().min(1).max(10),
    default: 3,
    description: 'A GB/T 28181 device is offline after this many missed keepalives (its cameras go offline and raise camera alerts)',
  },
  'gb.bindingRule': {
    schema: z.enum(['off', 'school-area']),
    default: 'off' as 'off' | 'school-area',
    description:
      'Bind GB/T 28181 channels by their names when a catalog arrives: `school-area` binds a channel named `<school name>-<area>` (e.g. 承德市第一中学-烹饪间) to that school’s canteen in that area; `off` leaves binding to an administrator',
  },
  'analytics.sampling': {
    schema: SamplingSettingSchema,
    default: DEFAULT_SAMPLING,
    description:
      'With Redis (a pool of detection workers): seconds between visits of a camera by its canteen’s risk grade (never graded: as C), and seconds of frames per visit',
  },
  'retention.eventLogDays': {
    schema: z.number().int().min(7).max(3650),
    default: 90,
    description:
      'Days the event log keeps its events (read at the top of the tree); a client that last saw an older event reloads its state instead of replaying',
  },
  'retention.closedAlertDays': {
    schema: z.number().int().min(800).max(3650),
    default: 1095,
    description:
      'Days a dismissed or resolved alert that became no task or complaint is kept after it was last seen (at least 800: the assessment of this year and of the year before counts alerts)',
  },
  'retention.cameraStatusDetailDays': {
    schema: z.number().int().min(35).max(3650),
    default: 90,
    description:
      'Days each change of a camera’s status is kept; before that, whole months keep only their online and observed time per camera, which is what the camera online rate reads',
  },
  'retention.riskHistoryDailyDays': {
    schema: z.number().int().min(90).max(3650),
    default: 400,
    description: 'Days each canteen keeps its daily risk grade; before that, whole months are rolled up into one row per canteen and month',
  },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;
export const SETTING_KEYS = Object.keys(SETTINGS) as [SettingKey, ...SettingKey[]];
