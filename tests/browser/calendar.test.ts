// The school calendar page in a real browser: a city administrator adds the winter vacation and a make-up
// Saturday inside it, sees them on the month grid, saves, and after a reload the calendar kept at the city
// shows them again; the server's calendar for the city's schools is the one saved.
import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday } from '../../analytics/calendar';
import { artifactPath, loginThroughForm, newWatchedContext, useBrowserWithTestServer } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-server';

/** The first Wednesday of the current Shanghai month: it and the two days after are weekdays in that month. */
function firstWednesday(now: Date): string {
  const first = `${new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7)}-01`;
  return addDays(first, (3 - isoWeekday(first) + 7) % 7);
}

describe('school calendar page', () => {
  const rig = useBrowserWithTestServer({ canteens: 20 });

  it('a city administrator adds a vacation and a make-up day, saves, and finds them after a reload', async () => {
    const server = rig.server;
    const from = firstWednesday(server.clock.now());
    const to = addDays(from, 2);
    const saturday = addDays(from, 3);
    const watched = await newWatchedContext(rig.browser, server.url);
    try {
      const page = await watched.newPage();
      page.setDefaultTimeout(20_000);
      await loginThroughForm(page, server.url, 'city.admin', TEST_PASSWORD, '/calendar');
      await page.getByTestId('calendar-page').waitFor();
      expect(await page.getByTestId('calendar-source').textContent()).toBe('默认：周一至周五上学，国家法定节假日放假、调休日上课');
      const cell = (date: string) => page.locator(`[data-testid="month-grid"] [data-date="${date}"]`);
      expect(await cell(from).getAttribute('data-kind')).toBe('school');
      expect(await cell(saturday).getAttribute('data-kind')).toBe('weekend');

      // A range that ends before it begins is refused on the page.
      const closed = page.getByTestId('closed-ranges');
      await closed.getByLabel('开始日期').fill(to);
      await closed.getByLabel('结束日期').fill(from);
      await closed.getByLabel('名称').fill('寒假');
      await closed.getByRole('button', { name: '添加放假' }).click();
      expect(await page.getByTestId('calendar-message').textContent()).toBe('结束日期不能早于开始日期');

      await closed.getByLabel('开始日期').fill(from);
      await closed.getByLabel('结束日期').fill(addDays(from, 4)); // Wednesday to Sunday
      await closed.getByRole('button', { name: '添加放假' }).click();
      const opened = page.getByTestId('open-days');
      await opened.getByLabel('日期').fill(saturday);
      await opened.getByLabel('名称').fill('调休上课');
      await opened.getByRole('button', { name: '添加调休' }).click();
      await expect.poll(() => cell(from).getAttribute('data-kind')).toBe('closed');
      expect(await cell(to).getAttribute('data-kind')).toBe('closed');
      expect(await cell(saturday).getAttribute('data-kind')).toBe('open');
      expect(await cell(addDays(from, -1)).getAttribute('data-kind')).toBe('school');

      await page.getByRole('button', { name: '保存校历' }).click();
      await expect.poll(() => page.getByTestId('calendar-message').textContent()).toBe('校历已保存');
      expect(await page.getByTestId('calendar-source').textContent()).toBe('本级设置：承德市');

      await page.reload();
      await page.getByTestId('calendar-page').waitFor();
      // Kept beside the national holidays the default calendar came with.
      const vacation = page.getByTestId('closed-range').filter({ hasText: '寒假' });
      await expect.poll(() => vacation.count()).toBe(1);
      expect(await vacation.textContent()).toContain(`${from} – ${addDays(from, 4)}`);
      expect(await page.getByTestId('closed-range').filter({ hasText: '国庆节' }).count()).toBeGreaterThan(0);
      expect(await page.getByTestId('open-day').filter({ hasText: saturday }).count()).toBe(1);
      expect(await cell(to).getAttribute('data-kind')).toBe('closed');
      expect(await cell(saturday).getAttribute('data-kind')).toBe('open');
      await page.screenshot({ path: await artifactPath('school-calendar.png'), fullPage: true });

      // A county under the city follows the city's calendar until it keeps its own.
      const county = server.dataset.jurisdictions.find((node) => node.code === server.dataset.schools[0]!.countyCode)!;
      await page.getByLabel('辖区').selectOption({ label: county.name });
      await expect.poll(() => page.getByTestId('calendar-source').textContent()).toBe('沿用上级：承德市');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(county.name);
      expect(await cell(to).getAttribute('data-kind')).toBe('closed');
      await page.getByLabel('辖区').selectOption('');
      await expect.poll(() => page.getByTestId('calendar-source').textContent()).toBe('本级设置：承德市');

      const token = await server.login('city.admin');
      const api = await server.request('GET', '/api/school-calendar', { token });
      // The city's calendar is the default it started from (the national holidays) with its own additions.
      expect(api.body.value).toEqual({
        weekdays: [1, 2, 3, 4, 5],
        closed: expect.arrayContaining([
          { from, to: addDays(from, 4), name: '寒假' },
          { from: '2026-10-01', to: '2026-10-07', name: '国庆节' },
        ]),
        open: expect.arrayContaining([
          { date: saturday, name: '调休上课' },
          { date: '2026-10-10', name: '国庆节调休上班' },
        ]),
      });
      expect(watched.pageErrors).toEqual([]);
      expect(watched.foreignRequests).toEqual([]);
    } finally {
      await watched.context.close();
    }
  });
});
