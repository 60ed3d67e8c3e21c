// Records due once a week: meal accompaniment by school leaders and parents (陪餐) and the self-inspection
// against the checklist (自查). Weeks are ISO weeks in Asia/Shanghai, Monday to Sunday; a record dated on any
// day of the week counts for it, the weekend included.
//
// When a week is judged: from the day after its last school day (its Saturday for a Monday-to-Friday week), so
// the whole of the last school day — lunch, supper at a boarding school, entering the record in the evening —
// still counts, and the county hears of a missing record on the first day it could be missing. A week with
// no school day (a holiday week, the vacations) is not judged. Records dated on the weekend after the judgement
// still count when the week is evaluated again: the warning no longer holds then, but it has been raised.
import { addDays, datesFrom, isoWeekId, isoWeekStart, type CalendarDate } from '../calendar';
import type { LedgerWarningCategory } from './categories';
import type { RuleContext } from './context';
import type { DatedRecord, LedgerWarning } from './types';
import { ledgerWarning } from './warning';

export interface JudgedWeek {
  week: string;
  /** Monday and Sunday of the week. */
  from: CalendarDate;
  to: CalendarDate;
  lastSchoolDay: CalendarDate;
  /** The day from which a missing record is warned about: the day after the last school day. */
  judgedFrom: CalendarDate;
}

/** The weeks whose judgement fell due within the look-back, oldest first. */
export function weeksJudged(ctx: RuleContext): JudgedWeek[] {
  const weeks: JudgedWeek[] = [];
  // A week's judgement day is at most a week after its Monday (when its Sunday is a school day).
  for (let monday = isoWeekStart(addDays(ctx.lookbackFrom, -7)); monday <= ctx.today; monday = addDays(monday, 7)) {
    const sunday = addDays(monday, 6);
    const schoolDays = datesFrom(monday, sunday).filter(ctx.isSchoolDay);
    const lastSchoolDay = schoolDays.at(-1);
    if (lastSchoolDay === undefined) continue;
    const judgedFrom = addDays(lastSchoolDay, 1);
    if (judgedFrom < ctx.lookbackFrom || judgedFrom > ctx.today) continue;
    if (ctx.ledgersSince && ctx.ledgersSince > schoolDays[0]!) continue;
    weeks.push({ week: isoWeekId(monday), from: monday, to: sunday, lastSchoolDay, judgedFrom });
  }
  return weeks;
}

const WEEKLY = {
  no_meal_accompaniment: { ledger: 'meal_accompaniments', zh: '无陪餐记录', en: 'No meal accompaniment on record' },
  no_self_inspection: { ledger: 'self_inspections', zh: '未开展食品安全自查', en: 'No self-inspection on record' },
} as const satisfies Partial<Record<LedgerWarningCategory, { ledger: string; zh: string; en: string }>>;

export function weeklyRecordWarnings(category: keyof typeof WEEKLY, records: readonly DatedRecord[], ctx: RuleContext): LedgerWarning[] {
  const rule = WEEKLY[category];
  return weeksJudged(ctx)
    .filter((week) => !records.some((record) => record.date >= week.from && record.date <= week.to))
    .map((week) =>
      ledgerWarning(
        category,
        [ctx.schoolId, week.week],
        { ledger: rule.ledger, week: week.week, from: week.from, to: week.to },
        { zh: `${week.week}（${week.from} 至 ${week.to}）${rule.zh}`, en: `${rule.en} in week ${week.week} (${week.from} to ${week.to})` },
        { week: week.week, from: week.from, to: week.to, lastSchoolDay: week.lastSchoolDay },
      ),
    );
}

export const mealAccompanimentWarnings = (records: readonly DatedRecord[], ctx: RuleContext) =>
  weeklyRecordWarnings('no_meal_accompaniment', records, ctx);

export const selfInspectionWarnings = (records: readonly DatedRecord[], ctx: RuleContext) =>
  weeklyRecordWarnings('no_self_inspection', records, ctx);
