// Dates as each language shows them: Beijing time always; English in ISO order, never 07/12/2026 or 12/7/2026.
import i18next from 'i18next';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatShort, formatTime } from './time';

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
});
