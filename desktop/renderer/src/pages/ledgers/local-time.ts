// <input type="datetime-local"> speaks wall-clock time without a zone; the users' wall clock is Shanghai's.
const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as 'YYYY-MM-DDTHH:mm' in Shanghai, for a datetime-local input. */
export function toLocalInput(instant: Date): string {
  const get = (type: string) => parts.formatToParts(instant).find((part) => part.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** A datetime-local value read as Shanghai time, as an ISO instant with its offset. */
export const fromLocalInput = (value: string): string => `${value}:00+08:00`;
