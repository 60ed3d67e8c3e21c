// How pressing a task's deadline is: overdue, due within a day, or comfortable. Only tasks the school still
// owes work on (dispatched, accepted, returned) are pressed; submitted and closed ones are not.
import type { TFunction } from 'i18next';
import type { TaskSummary } from '../../api/types';

export type Urgency = 'overdue' | 'soon' | 'normal' | 'none';

/** A deadline this close counts as due soon. */
export const DUE_SOON_MS = 24 * 3_600_000;

const WORKING: readonly TaskSummary['state'][] = ['dispatched', 'accepted', 'returned'];

export function urgencyOf(task: Pick<TaskSummary, 'state' | 'deadline' | 'overdue'>, now: number): Urgency {
  if (!WORKING.includes(task.state)) return 'none';
  const left = Date.parse(task.deadline) - now;
  if (task.overdue || left <= 0) return 'overdue';
  return left <= DUE_SOON_MS ? 'soon' : 'normal';
}

/** "2天3小时", "45分钟": the two largest units, never less than a minute. */
export function formatDuration(ms: number, t: TFunction<'school'>): string {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0)
    return hours > 0
      ? `${t('duration.days', { count: days })}${t('duration.hours', { count: hours })}`
      : t('duration.days', { count: days });
  if (hours > 0)
    return rest > 0
      ? `${t('duration.hours', { count: hours })}${t('duration.minutes', { count: rest })}`
      : t('duration.hours', { count: hours });
  return t('duration.minutes', { count: rest });
}

/** "已超期 2天" / "剩余 5小时" for a task still being worked on; null otherwise. */
export function urgencyText(task: Pick<TaskSummary, 'state' | 'deadline' | 'overdue'>, now: number, t: TFunction<'school'>): string | null {
  const urgency = urgencyOf(task, now);
  if (urgency === 'none') return null;
  return t(`urgency.${urgency}`, { duration: formatDuration(Date.parse(task.deadline) - now, t) });
}
