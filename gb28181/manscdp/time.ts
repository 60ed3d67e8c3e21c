// MANSCDP times are local wall-clock times without a zone (`2026-12-07T08:00:00`). Devices here run on China
// Standard Time; Asia/Shanghai has been UTC+8 with no daylight saving since 1991, so a fixed offset is exact.
const CHINA_OFFSET_MS = 8 * 3600_000;

export class ManscdpTimeError extends Error {
  override name = 'ManscdpTimeError';
}

/** A MANSCDP local time (`T` or a space between date and time; a zone, if a device adds one, is honoured) as an ISO instant. */
export function manscdpTimeToIso(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!match) throw new ManscdpTimeError(`not a MANSCDP time: ${JSON.stringify(text.slice(0, 40))}`);
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5], Math.round(Number(fraction ?? 0) * 1000));
  const check = new Date(wall);
  if (check.getUTCMonth() !== fields[1] - 1 || check.getUTCDate() !== fields[2] || fields[3] > 23 || fields[4] > 59 || fields[5] > 59) {
    throw new ManscdpTimeError(`not a real date and time: ${JSON.stringify(text)}`);
  }
  return new Date(wall - zoneOffsetMs(zone)).toISOString();
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined) return CHINA_OFFSET_MS;
  if (zone === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 3600_000 + Number(digits.slice(3, 5)) * 60_000);
}

/** An instant (ISO string or Date) as MANSCDP local time in China, seconds precision. */
export function isoToManscdpTime(instant: string | Date): string {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (!Number.isFinite(time)) throw new ManscdpTimeError(`not an instant: ${String(instant)}`);
  return new Date(time + CHINA_OFFSET_MS).toISOString().slice(0, 19);
}
