// What a date is under a kept school calendar, for the month grid of the calendar page (no zod here, so the
// renderer can import it alone).
import type { CalendarDate } from './dates';

export type DayKind = 'school' | 'weekend' | 'closed' | 'open';

export interface KeptCalendar {
  weekdays: readonly number[];
  closed: ReadonlyArray<{ from: CalendarDate; to: CalendarDate; name: string }>;
  open: ReadonlyArray<{ date: CalendarDate; name: string }>;
}

/** What a date is under a calendar, and the name of the holiday or make-up day that made it so (the month grid). */
export function dayKindOf(setting: KeptCalendar, date: CalendarDate, weekday: number): { kind: DayKind; name?: string } {
  const open = setting.open.find((day) => day.date === date);
  if (open) return { kind: 'open', name: open.name };
  if (!setting.weekdays.includes(weekday)) return { kind: 'weekend' };
  const closed = setting.closed.find((range) => range.from <= date && date <= range.to);
  if (closed) return { kind: 'closed', name: closed.name };
  return { kind: 'school' };
}
