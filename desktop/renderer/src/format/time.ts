// Dates are shown in Asia/Shanghai wherever the screen is (a laptop set to UTC still shows Beijing time).
import i18next from 'i18next';

const ZONE = 'Asia/Shanghai';
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'datetime' | 'date' | 'time' | 'short'): Intl.DateTimeFormat {
  const locale = i18next.language === 'en' ? 'en-GB' : 'zh-CN';
  const key = `${locale}:${kind}`;
  let format = cache.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { year: 'numeric', month: '2-digit', day: '2-digit' }
        : kind === 'time'
          ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
          : kind === 'short'
            ? { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
            : { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: ZONE });
    cache.set(key, format);
  }
  return format;
}

const toDate = (value: string | number | Date) => (value instanceof Date ? value : new Date(value));

export const formatDateTime = (value: string | number | Date): string => formatter('datetime').format(toDate(value));
export const formatDate = (value: string | number | Date): string => formatter('date').format(toDate(value));
export const formatTime = (value: string | number | Date): string => formatter('time').format(toDate(value));
export const formatShort = (value: string | number | Date): string => formatter('short').format(toDate(value));

/** Today's calendar date in Asia/Shanghai, as YYYY-MM-DD. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export const formatPercent = (ratio: number | null | undefined, digits = 1): string =>
  ratio === null || ratio === undefined || !Number.isFinite(ratio) ? '—' : `${(ratio * 100).toFixed(digits)}%`;
