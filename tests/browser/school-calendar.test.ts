// A school's own calendar in a real browser: a county operator finds one school of their county by name on
// the calendar page, gives it a make-up Saturday on top of the county's calendar and saves; the server keeps
// it at the school alone, a reload keeps the school open, and removing it makes the school follow the county
// again.
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, isoWeekday } from '../../analytics/calendar';
import { artifactPath, loggedInPages, useBrowserWithTestServer } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-server';

/** The first Wednesday of the current Shanghai month: the Saturday after it is in the same month. */
function firstWednesday(now: Date): string {
  const first = `${new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7)}-01`;
  return addDays(first, (3 - isoWeekday(first) + 7) % 7);
}

describe('a school’s own calendar', () => {
  const rig = useBrowserWithTestServer({ canteens: 20 });
  const pages = loggedInPages(rig, TEST_PASSWORD);
  afterEach(() => pages.closeAll());

  it('a county operator gives one school a make-up Saturday, finds it after a reload, and removes it', async () => {
    const server = rig.server;
    const school = server.dataset.schools[0]!;
    const node = server.dataset.jurisdictions.find((j) => j.id === school.jurisdictionId)!;
    const county = server.dataset.jurisdictions.find((j) => j.code === school.countyCode)!;
    const token = await server.login(`county.${county.code}`);
    const calendarAt = async (code: string) => (await server.request('GET', `/api/school-calendar?at=${code}`, { token })).body;

    // The county keeps a calendar of its own (a vacation later in the year) that its schools follow.
    const saturday = addDays(firstWednesday(server.clock.now()), 3);
    const vacation = { from: addDays(saturday, 60), to: addDays(saturday, 70), name: '假期' };
    const countyValue = { weekdays: [1, 2, 3, 4, 5], closed: [vacation], open: [] };
    const kept = await server.request('PUT', `/api/school-calendar/${county.code}`, { token, body: { value: countyValue, version: null } });
    expect(kept.status).toBe(200);

    const page = await pages.open(`county.${county.code}`, '/calendar');
    await page.getByTestId('calendar-page').waitFor();
    await expect.poll(() => page.getByTestId('calendar-source').textContent()).toBe(`本级设置：${county.name}`);

    await page.getByLabel('学校', { exact: true }).fill(school.name);
    await page.getByTestId('school-results').getByRole('button', { name: school.name, exact: true }).click();
    await expect.poll(() => page.getByTestId('calendar-school').textContent()).toContain(school.name);
    expect(new URL(page.url()).hash).toContain(`school=${node.code}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(school.name);
    await expect.poll(() => page.getByTestId('calendar-source').textContent()).toBe(`沿用上级：${county.name}`);
    const cell = (date: string) => page.locator(`[data-testid="month-grid"] [data-date="${date}"]`);
    expect(await cell(saturday).getAttribute('data-kind')).toBe('weekend');

    const opened = page.getByTestId('open-days');
    await opened.getByLabel('日期').fill(saturday);
    await opened.getByLabel('名称').fill('周六上课');
    await opened.getByRole('button', { name: '添加调休' }).click();
    await expect.poll(() => cell(saturday).getAttribute('data-kind')).toBe('open');
    await page.getByRole('button', { name: '保存校历' }).click();
    await expect.poll(() => page.getByTestId('calendar-message').textContent()).toBe('校历已保存');
    expect(await page.getByTestId('calendar-source').textContent()).toBe(`本校单独设置：${school.name}`);

    // Kept at the school alone: the school starts from the county's calendar, and the county does not change.
    const atSchool = await calendarAt(node.code);
    expect(atSchool.definedAt).toEqual({ code: node.code, name: school.name, level: 'school' });
    expect(atSchool.value).toEqual({ ...countyValue, open: [{ date: saturday, name: '周六上课' }] });
    const atCounty = await calendarAt(county.code);
    expect(atCounty.definedAt.code).toBe(county.code);
    expect(atCounty.value).toEqual(countyValue);

    await page.reload();
    await expect.poll(() => page.getByTestId('calendar-school').textContent()).toContain(school.name);
    await expect.poll(() => page.getByTestId('calendar-source').textContent()).toBe(`本校单独设置：${school.name}`);
    expect(await page.getByTestId('open-day').first().textContent()).toContain(saturday);
    expect(await cell(saturday).getAttribute('data-kind')).toBe('open');
    await page.screenshot({ path: await artifactPath('school-own-calendar.png'), fullPage: true });

    await page.getByRole('button', { name: '删除本校校历，恢复沿用上级' }).click();
    await expect.poll(() => page.getByTestId('calendar-message').textContent()).toBe('已删除本校校历，现沿用上级校历');
    expect(await page.getByTestId('calendar-source').textContent()).toBe(`沿用上级：${county.name}`);
    expect(await cell(saturday).getAttribute('data-kind')).toBe('weekend');
    const followed = await calendarAt(node.code);
    expect(followed.definedAt.code).toBe(county.code);
    expect(followed.version).toBeNull();
    expect(followed.value).toEqual(countyValue);

    // Back to the county: the picker leaves the school and the URL with it.
    await page.getByRole('button', { name: '返回区县校历' }).click();
    await expect.poll(() => page.getByTestId('calendar-source').textContent()).toBe(`本级设置：${county.name}`);
    expect(new URL(page.url()).hash).not.toContain('school=');
  });
});
