// Dates are shown in Asia/Shanghai wherever the screen is (a laptop set to UTC still shows Beijing time). In
// English they are written in ISO order (2026-12-07 14:30): en-GB's 07/12/2026 reads as 12 July to an American
// and en-US's the other way round, while year-month-day means one thing to everyone.
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

type Kind = Parameters<typeof formatter>[0];

/** English: the same fields as the Chinese format, put in ISO order with '-' between date parts. */
function isoOrdered(kind: Kind, date: Date): string {
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of formatter(kind).formatToParts(date)) part[type] = value;
  const time = `${part.hour}:${part.minute}`;
  switch (kind) {
    case 'date':
      return `${part.year}-${part.month}-${part.day}`;
    case 'datetime':
      return `${part.year}-${part.month}-${part.day} ${time}`;
    case 'short':
      return `${part.month}-${part.day} ${time}`;
    case 'time':
      return `${time}:${part.second}`;
  }
}

function format(kind: Kind, value: string | number | Date): string {
  const date = toDate(value);
  return i18next.language === 'en' ? isoOrdered(kind, date) : formatter(kind).format(date);
}

export const formatDateTime = (value: string | number | Date): string => format('datetime', value);
export const formatDate = (value: string | number | Date): string => format('date', value);
export const formatTime = (value: string | number | Date): string => format('time', value);
export const formatShort = (value: string | number | Date): string => format('short', value);

/** Today's calendar date in Asia/Shanghai, as YYYY-MM-DD. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export const formatPercent = (ratio: number | null | undefined, digits = 1): string =>
  ratio === null || ratio === undefined || !Number.isFinite(ratio) ? '—' : `${(ratio * 100).toFixed(digits)}%`;

const relativeCache = new Map<string, Intl.RelativeTimeFormat>();
const RELATIVE_STEPS: readonly [unit: Intl.RelativeTimeFormatUnit, seconds: number][] = [
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * How long ago, as a person says it (3分钟前, 3 minutes ago) up to a day; older than that the Beijing date and
 * time (12/05 08:00), since "2 days ago" hides whether it was before or after the night.
 */
export function formatSince(value: string | number | Date, now: Date = new Date()): string {
  const date = toDate(value);
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  if (seconds >= 86_400) return formatShort(date);
  const locale = i18next.language === 'en' ? 'en' : 'zh-CN';
  let relative = relativeCache.get(locale);
  if (!relative) relativeCache.set(locale, (relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  const [unit, size] = RELATIVE_STEPS.find(([, step]) => seconds >= step) ?? RELATIVE_STEPS.at(-1)!;
  return relative.format(-Math.floor(seconds / size), unit);
}
