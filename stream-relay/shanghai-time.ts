// Recordings are filed by the school's calendar day. China has one time zone and no daylight saving since
// 1991, so Asia/Shanghai is a fixed UTC+8 and days are computed without a time-zone database.
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** YYYY-MM-DD of the Shanghai calendar day containing `epochMs`. */
export function shanghaiDay(epochMs: number): string {
  return new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch milliseconds of 00:00 Shanghai on the day containing `epochMs`. */
export function shanghaiMidnight(epochMs: number): number {
  return Math.floor((epochMs + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** The Shanghai days from the one containing `fromMs` to the one containing `toMs`, both included. */
export function shanghaiDaysBetween(fromMs: number, toMs: number): string[] {
  const days: string[] = [];
  for (let midnight = shanghaiMidnight(fromMs); midnight <= toMs; midnight += DAY_MS) days.push(shanghaiDay(midnight));
  return days;
}

export { DAY_MS };

/** `YYYY-MM-DDTHH:mm:ss.SSS` in Shanghai time, without a zone: what GB/T 28181 devices set their clocks from. */
export function shanghaiLocalTime(epochMs: number): string {
  return new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 23);
}
