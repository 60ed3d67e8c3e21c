// Food samples and emergency reports in a real browser. A school manager on a phone records a sample, finds it
// among the samples still kept, and discards it (asked to confirm: it has been kept less than 48 hours); a
// sample kept 48 hours is discarded without asking. A county desk sees a school's emergency report appear as a
// red banner with no reload, opens it among the school's ledgers, acknowledges it, and it is gone from the
// officer's other screen at once and stays gone after a reload there, and the city's desk names who knew; a
// report filed while the desk was closed shows when it opens.
import { describe, expect, it } from 'vitest';
import { artifactPath, loggedInPages, PHONE, useBrowserWithTestServer } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-server';

describe('retained samples on a phone, emergency reports on the county desk', () => {
  const rig = useBrowserWithTestServer();
  const pages = loggedInPages(rig, TEST_PASSWORD);
  /** A school files an emergency report through the API. */
  const fileEmergency = async (token: string, type: string, affected: number, description: string) => {
    const report = await rig.server.request('POST', '/api/ledgers/entries', {
      token,
      body: {
        kind: 'emergency_report',
        payload: { type, occurredAt: rig.server.clock.now().toISOString(), affected, description, measures: '已采取处置措施' },
      },
    });
    expect(report.status).toBe(201);
    return report.body as { id: string };
  };
  it('records a sample, sees it kept, discards it and it is gone', async () => {
    const server = rig.server;
    const school = server.dataset.schools[0]!;
    const token = await server.login(`school.${school.code}`);
    // A sample taken 50 hours ago, through the API: its 48 hours have passed.
    const old = await server.request('POST', '/api/ledgers/entries', {
      token,
      body: {
        kind: 'food_sample',
        payload: {
          meal: 'lunch',
          dish: '番茄炒蛋',
          weightGrams: 130,
          collectedAt: new Date(server.clock.now().getTime() - 50 * 3_600_000).toISOString(),
        },
      },
    });
    expect(old.status).toBe(201);
    try {
      const phone = await pages.open(`school.${school.code}`, '/ledgers', { context: PHONE });
      await phone.locator('a[data-kind="food_sample"]').click();
      await phone.getByLabel('菜品名称').fill('红烧鸡块');
      await phone.getByLabel('留样重量（克）').fill('150');
      await phone.getByRole('button', { name: '保存' }).click();
      await phone.getByTestId('ledger-saved').waitFor();

      await phone.getByRole('link', { name: /在存留样与销毁/ }).click();
      const list = phone.getByTestId('retained-samples');
      const fresh = list.locator('li', { hasText: '红烧鸡块' });
      const aged = list.locator('li', { hasText: '番茄炒蛋' });
      await expect.poll(() => fresh.textContent()).toContain('150 克');
      expect(await fresh.getByTestId('sample-hours').textContent()).toBe('已保存 0 小时 · 未满48小时');
      expect(await aged.getByTestId('sample-hours').textContent()).toBe('已保存 50 小时 · 已满48小时，可销毁');
      expect(await fresh.getAttribute('class')).toContain('kept');
      expect(await aged.getAttribute('class')).toContain('due');
      await phone.screenshot({ path: await artifactPath('ledger-samples-phone.png'), fullPage: true });

      // Less than 48 hours: the phone asks first; declining keeps the sample.
      const asked: string[] = [];
      phone.once('dialog', (dialog) => {
        asked.push(dialog.message());
        void dialog.dismiss();
      });
      await fresh.getByRole('button', { name: '销毁' }).click();
      await expect.poll(() => asked.length).toBe(1);
      expect(asked[0]).toContain('不足48小时');
      expect(await fresh.count()).toBe(1);

      phone.once('dialog', (dialog) => void dialog.accept());
      await fresh.getByRole('button', { name: '销毁' }).click();
      await phone.getByRole('status').filter({ hasText: '已销毁：红烧鸡块' }).waitFor();
      await expect.poll(() => fresh.count()).toBe(0);

      // Kept 48 hours: discarded without asking.
      await aged.getByRole('button', { name: '销毁' }).click();
      await phone.getByRole('status').filter({ hasText: '已销毁：番茄炒蛋' }).waitFor();
      expect(asked.length).toBe(1);
      await list.getByText('暂无在存留样').waitFor();

      const kept = await server.request('GET', '/api/ledgers/entries?kind=food_sample&retained=true', { token });
      expect(kept.body.items).toEqual([]);
    } finally {
      await pages.closeAll();
    }
  });

  it('shows a school emergency report on the county desk at once; acknowledged, it is gone from the officer’s other screen too', async () => {
    const server = rig.server;
    const school = server.dataset.schools[1]!;
    try {
      const desk = await pages.open(`county.${school.countyCode}`, '/desk');
      // The same officer on another screen of the command room: its own browser, its own session.
      const wall = await pages.open(`county.${school.countyCode}`, '/bigscreen');
      await desk.waitForLoadState('networkidle');
      await wall.waitForLoadState('networkidle');
      expect(await desk.getByTestId('emergency-banner').count()).toBe(0);

      const report = await fileEmergency(await server.login(`school.${school.code}`), 'suspected_food_poisoning', 12, '午餐后多名学生腹痛');

      const banner = desk.getByTestId('emergency-banner');
      const line = banner.locator(`[data-report="${report.id}"]`);
      await line.waitFor();
      expect(await line.textContent()).toContain(`${school.name}`);
      expect(await line.textContent()).toContain('疑似食物中毒，涉及 12 人');
      expect(await line.textContent()).toContain('午餐后多名学生腹痛');
      await desk.screenshot({ path: await artifactPath('emergency-banner-desk.png') });

      // 查看 opens the report among the school's ledgers; the banner stays until acknowledged.
      await line.getByRole('button', { name: '查看' }).click();
      await desk.locator(`tr.selected[data-entry="${report.id}"]`).waitFor();
      expect(await line.count()).toBe(1);

      const wallLine = wall.getByTestId('emergency-banner').locator(`[data-report="${report.id}"]`);
      await wallLine.waitFor();

      const acknowledged = desk.waitForResponse((response) => response.url().includes('/acknowledge'));
      await line.getByRole('button', { name: '知悉' }).click();
      const acknowledgement = await acknowledged;
      expect(acknowledgement.status()).toBe(200);
      const alertId = new URL(acknowledgement.url()).pathname.split('/')[3]!;
      await expect.poll(() => banner.count()).toBe(0);
      // The other screen drops it live, and a reload there does not bring it back: the server knows.
      await expect.poll(() => wall.getByTestId('emergency-banner').count()).toBe(0);
      // The big screen is the heaviest page to load (map, charts): it is given longer.
      const wallReloaded = wall.waitForResponse((response) => response.url().includes('category=emergency_report'), { timeout: 60_000 });
      await wall.reload();
      expect((await wallReloaded).status()).toBe(200);
      await wall.waitForLoadState('networkidle');
      expect(await wall.getByTestId('emergency-banner').count()).toBe(0);

      const reloaded = desk.waitForResponse((response) => response.url().includes('category=emergency_report'));
      await desk.reload();
      expect((await reloaded).status()).toBe(200);
      await desk.getByTestId('ledger-school').waitFor();
      expect(await banner.count()).toBe(0);

      // The city's duty officer has not acknowledged it: their banner still shows it.
      const city = await pages.open('city.duty', '/desk');
      await city.getByTestId('emergency-banner').locator(`[data-report="${report.id}"]`).waitFor();
      // The report's alert on the city's desk says who in the county knew, and since when.
      const cityToken = await server.login('city.duty');
      const known = await server.request('GET', `/api/alerts/${alertId}/acknowledgements`, { token: cityToken });
      expect(known.body.items).toHaveLength(1);
      await city.goto(`${server.url}/#/desk?tab=alerts&alert=${alertId}`);
      const who = city.getByTestId('alert-acknowledgements');
      await expect.poll(() => who.locator('li').count()).toBe(1);
      expect(await who.textContent()).toContain(known.body.items[0].user.displayName);
    } finally {
      await pages.closeAll();
    }
  });

  it('shows on opening the desk a report filed while it was closed', async () => {
    const server = rig.server;
    const school = server.dataset.schools[2]!;
    const schoolToken = await server.login(`school.${school.code}`);
    try {
      const desk = await pages.open(`county.${school.countyCode}`, '/desk');
      await desk.waitForLoadState('networkidle');
      const address = desk.url();
      await desk.goto('about:blank');

      const report = await fileEmergency(schoolToken, 'foreign_matter', 1, '饭菜中发现金属丝');
      await desk.goto(address);
      const line = desk.getByTestId('emergency-banner').locator(`[data-report="${report.id}"]`);
      await line.waitFor({ timeout: 30_000 });
      expect(await line.textContent()).toContain('食品异物，涉及 1 人');
    } finally {
      await pages.closeAll();
    }
  }, 90_000);
});
