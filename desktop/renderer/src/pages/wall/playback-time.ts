// Hours of a day in Asia/Shanghai (the recordings' clock, whatever the wall PC's zone), as instants.
const ZONE_OFFSET = '+08:00';
export const HOUR_MS = 3_600_000;

/** The instant a Shanghai hour begins: `2026-03-02`, 9 → 2026-03-02T09:00:00+08:00. */
export function hourStart(date: string, hour: number): Date {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00${ZONE_OFFSET}`);
}

/** The current hour of the day in Shanghai (0–23). */
export function shanghaiHour(now: Date = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(now));
}

/** Where an instant lies in an hour, 0–1 (clamped). */
export const fractionOfHour = (at: number, start: Date): number => Math.min(1, Math.max(0, (at - start.getTime()) / HOUR_MS));

/** A segment as instants. */
export interface Span {
  start: number;
  end: number;
}

/** The segment holding `at`, or the first one after it (a click in a gap plays what comes next). */
export function segmentAt(spans: Span[], at: number): { span: Span; at: number } | null {
  const holding = spans.find((span) => span.start <= at && at < span.end);
  if (holding) return { span: holding, at };
  const next = spans.find((span) => span.start > at);
  return next ? { span: next, at: next.start } : null;
}

/** A click on a span drawn wider than it lasts (its minimum width) plays within it, never past its end. */
export const withinSpan = (at: number, span: Span): number => Math.min(Math.max(at, span.start), span.end - 1);
