// The periods the overview offers, as Shanghai calendar days.
import { shanghaiToday } from '../../format/time';

export type PeriodChoice = 'today' | 'week' | 'month';

export function periodDays(choice: PeriodChoice, now = new Date()): { from: string; to: string } {
  const to = shanghaiToday(now);
  if (choice === 'today') return { from: to, to };
  if (choice === 'month') return { from: `${to.slice(0, 8)}01`, to };
  const day = new Date(`${to}T00:00:00Z`);
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
  return { from: monday.toISOString().slice(0, 10), to };
}
