// The morning health check (晨检) of the staff, every school day. A day is judged once its cut-off has passed
// (10:00 by default): before that the check may simply not have been entered yet.
import { datesFrom, isoWeekday, shanghaiInstant } from '../calendar';
import type { RuleContext } from './context';
import type { DatedRecord, LedgerWarning } from './types';
import { ledgerWarning } from './warning';

const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export function morningCheckWarnings(checks: readonly DatedRecord[], ctx: RuleContext): LedgerWarning[] {
  const checked = new Set(checks.map((check) => check.date));
  const from = ctx.ledgersSince && ctx.ledgersSince > ctx.lookbackFrom ? ctx.ledgersSince : ctx.lookbackFrom;
  return datesFrom(from, ctx.today)
    .filter((date) => ctx.isSchoolDay(date) && !checked.has(date) && shanghaiInstant(date, ctx.morningCheckCutoff).getTime() <= ctx.at)
    .map((date) =>
      ledgerWarning(
        'no_morning_check',
        [ctx.schoolId, date],
        { ledger: 'morning_checks', date },
        {
          zh: `${date}（${WEEKDAY_ZH[isoWeekday(date)]}）是上学日，${ctx.morningCheckCutoff} 前无晨检记录`,
          en: `No morning health check on record by ${ctx.morningCheckCutoff} on school day ${date}`,
        },
        { date, cutoff: ctx.morningCheckCutoff },
      ),
    );
}
