// One month of the calendar, Monday first: each day marked school day, day off, holiday or make-up day, with
// the holiday's name on hover.
import { useTranslation } from 'react-i18next';
import { addDays, isoWeekday } from '../../../../../analytics/calendar/dates';
import { dayKindOf } from '../../../../../analytics/calendar/day-kinds';
import type { KeptCalendarValue } from './types';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The month `by` months away from 'YYYY-MM', as 'YYYY-MM'. */
export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function MonthGrid({ month, calendar }: { month: string; calendar: KeptCalendarValue }) {
  const { t } = useTranslation('calendar');
  const first = `${month}-01`;
  const next = `${shiftMonth(month, 1)}-01`;
  const cells: Array<string | null> = Array.from({ length: isoWeekday(first) - 1 }, () => null);
  for (let date = first; date < next; date = addDays(date, 1)) cells.push(date);
  return (
    <div className="cal-grid" data-testid="month-grid" data-month={month}>
      {WEEKDAYS.map((day) => (
        <div key={`h${day}`} className="cal-head">
          {t(`weekdayNames.${day}`)}
        </div>
      ))}
      {cells.map((date, i) => {
        if (!date) return <div key={`e${i}`} className="cal-cell empty" />;
        const day = dayKindOf(calendar, date, isoWeekday(date));
        return (
          <div
            key={date}
            className={`cal-cell ${day.kind}`}
            data-date={date}
            data-kind={day.kind}
            title={day.name ? `${t(`kinds.${day.kind}`)}：${day.name}` : t(`kinds.${day.kind}`)}
          >
            <span className="cal-day">{Number(date.slice(8))}</span>
            {day.name && <span className="cal-name">{day.name}</span>}
          </div>
        );
      })}
    </div>
  );
}
