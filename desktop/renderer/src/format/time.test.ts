// Dates as each language shows them: Beijing time always; English in ISO order, never 07/12/2026 or 12/7/2026.
import i18next from 'i18next';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatShort, formatSince, formatTime } from './time';

// 2026-12-07 06:05:09 UTC is 14:05:09 on 7 December in Shanghai: day and month differ, and both are below 13.
const AT = '2026-12-07T06:05:09Z';

async function inLanguage(language: string) {
  if (!i18next.isInitialized) await i18next.init({ lng: language, resources: {} });
  else await i18next.changeLanguage(language);
}

describe('dates on screen', () => {
  afterAll(() => inLanguage('zh-CN'));

  it('writes English dates as 2026-12-07, in Beijing time', async () => {
    await inLanguage('en');
    expect(formatDate(AT)).toBe('2026-12-07');
    expect(formatDateTime(AT)).toBe('2026-12-07 14:05');
    expect(formatShort(AT)).toBe('12-07 14:05');
    expect(formatTime(AT)).toBe('14:05:09');
    // Late at night in UTC is already the next morning in Shanghai.
    expect(formatDateTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30');
  });

  it('keeps Chinese dates year first, in Beijing time', async () => {
    await inLanguage('zh-CN');
    expect(formatDate(AT)).toBe('2026/12/07');
    expect(formatDateTime(AT)).toBe('2026/12/07 14:05');
    expect(formatTime(AT)).toBe('14:05:09');
  });

  it('says how long ago up to a day, then the Beijing date and time', async () => {
    const now = new Date(AT);
    const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
    await inLanguage('zh-CN');
    expect(formatSince(ago(0), now)).toBe('现在');
    expect(formatSince(ago(12), now)).toBe('12秒钟前');
    expect(formatSince(ago(3 * 60 + 59), now)).toBe('3分钟前');
    expect(formatSince(ago(5 * 3600), now)).toBe('5小时前');
    expect(formatSince(ago(86_400), now)).toBe('12/06 14:05');
    await inLanguage('en');
    expect(formatSince(ago(12), now)).toBe('12 seconds ago');
    expect(formatSince(ago(3 * 60), now)).toBe('3 minutes ago');
    expect(formatSince(ago(2 * 86_400), now)).toBe('12-05 14:05');
    // A device clock a little ahead of ours is "now", not "in 2 seconds".
    expect(formatSince(new Date(now.getTime() + 2000), now)).toBe('now');
  });
});
