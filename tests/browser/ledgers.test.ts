// The school ledgers in a real browser: a school manager on a phone records this morning's check and a food
// sample; the county's completeness overview, open on a desk at the same time, shows that school's figure
// for the day rise without a reload. Server and browsers share one Wednesday mid-morning, so the day is a
// school day whatever day the test runs.
import { describe, expect, it } from 'vitest';
import { artifactPath, loggedInPages, PHONE, useBrowserWithTestServer } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-server';

/** The next Wednesday at least a day ahead, 11:00 in Shanghai. */
function nextWednesdayMorning(now: Date): Date {
  const ahead = new Date(now.getTime() + 86_400_000);
  const date = new Date(ahead.getTime() + ((3 - ahead.getUTCDay() + 7) % 7) * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${date}T11:00:00+08:00`);
}

describe('school ledgers on a phone, completeness at the county', () => {
  const rig = useBrowserWithTestServer();

  it('records a morning check and a food sample; the county overview shows the school catch up', async () => {
    const server = rig.server;
    const at = nextWednesdayMorning(server.clock.now());
    server.clock.advance(at.getTime() - server.clock.now().getTime());
    const today = at.toISOString().slice(0, 10);
    const school = server.dataset.schools[0]!;
    const pages = loggedInPages(rig, TEST_PASSWORD);
    try {
      const desk = await pages.open(`county.${school.countyCode}`, '/ledgers/overview', { clockAt: at });
      await desk.getByLabel('统计周期').selectOption('today');
      const kept = desk.locator(`tr[data-school="${school.id}"] [data-testid="school-kept"]`);
      // Four daily ledgers are due on a school day: morning check, menu, food sample, disinfection.
      await expect.poll(() => kept.textContent()).toBe('0/4');

      const phone = await pages.open(`school.${school.code}`, '/ledgers', { context: PHONE, clockAt: at });
      await phone.getByText('今日', { exact: false }).first().waitFor();
      expect(await phone.getByTestId('today-morning_check').textContent()).toBe('未记录');

      await phone.locator('a[data-kind="morning_check"]').click();
      await phone.getByLabel('参加晨检人员（逗号分隔）').fill('张师傅，李师傅，王师傅');
      await phone.getByLabel('有人员不适宜上岗').check();
      await phone.getByLabel('不适宜上岗人员').fill('李师傅');
      await phone.getByLabel('症状').fill('咳嗽');
      await phone.getByLabel('处理措施').fill('调离岗位');
      await phone.getByRole('button', { name: '保存' }).click();
      await phone.getByTestId('ledger-saved').waitFor();
      await expect.poll(() => phone.getByTestId('today-morning_check').textContent()).toBe('已记录 1');

      await phone.locator('a[data-kind="food_sample"]').click();
      await phone.getByLabel('菜品名称').fill('红烧鸡块');
      await phone.getByLabel('留样重量（克）').fill('150');
      await phone.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => phone.getByTestId('today-food_sample').textContent()).toBe('已记录 1');
      await phone.screenshot({ path: await artifactPath('ledgers-phone.png'), fullPage: true });

      // The desk hears the entries and refreshes: two of the four daily ledgers kept.
      await expect.poll(() => kept.textContent()).toBe('2/4');
      await desk.screenshot({ path: await artifactPath('ledgers-overview.png') });

      // A cook whose health certificate has run out is registered: the phone's warnings name it at once.
      await phone.getByRole('link', { name: /从业人员与供应商/ }).click();
      const register = phone.getByTestId('staff-register');
      await register.getByLabel('姓名').fill('赵师傅');
      await register.getByLabel('岗位').fill('切配');
      await register.getByLabel('健康证有效期至').fill('2025-06-30');
      await register.getByRole('button', { name: '添加人员' }).click();
      await register.getByText('赵师傅').waitFor();
      // A supplier whose licence ran out is renewed in place, then taken off the register.
      const suppliers = phone.getByTestId('supplier-register');
      await suppliers.getByLabel('供应商名称').fill('承德市鲜蔬配送');
      await suppliers.getByLabel('许可证有效期至').fill('2025-01-31');
      await suppliers.getByRole('button', { name: '添加供应商' }).click();
      const supplier = suppliers.locator('li', { hasText: '承德市鲜蔬配送' });
      await expect.poll(() => supplier.textContent()).toContain('2025-01-31 · 已过期');
      await supplier.getByLabel('更新有效期 承德市鲜蔬配送').fill('2030-12-31');
      await expect.poll(() => supplier.textContent()).toContain('2030-12-31');
      expect(await supplier.textContent()).not.toContain('已过期');
      await supplier.getByRole('button', { name: '停止合作' }).click();
      await expect.poll(() => supplier.count()).toBe(0);
      await phone.getByRole('link', { name: /返回台账/ }).click();
      await phone.getByTestId('ledger-warnings').locator('[data-category="health_cert_expired"]').waitFor();

      const token = await server.login(`county.${school.countyCode}`);
      const entries = await server.request('GET', `/api/ledgers/entries?schoolId=${school.id}`, { token });
      const byKind = Object.fromEntries(entries.body.items.map((e: { kind: string; entryDate: string; payload: unknown }) => [e.kind, e]));
      expect(byKind.morning_check).toMatchObject({
        entryDate: today,
        payload: { checked: [{ name: '张师傅' }, { name: '李师傅' }, { name: '王师傅' }], unfit: [{ name: '李师傅', symptoms: '咳嗽' }] },
      });
      expect(byKind.food_sample).toMatchObject({ entryDate: today, payload: { dish: '红烧鸡块', weightGrams: 150, meal: 'lunch' } });

      // The county opens the school's ledgers from the overview.
      await desk.locator(`tr[data-school="${school.id}"] a`).click();
      await desk.getByTestId('ledger-school').locator('tr[data-kind="food_sample"]').waitFor();
    } finally {
      await pages.closeAll();
    }
  });

  it('reports an emergency with a button that says 上报, and tells the school it was reported', async () => {
    const school = rig.server.dataset.schools[1]!;
    const pages = loggedInPages(rig, TEST_PASSWORD);
    try {
      const phone = await pages.open(`school.${school.code}`, '/ledgers/emergency', { context: PHONE });
      await phone.getByLabel('情况说明').fill('午餐后两名学生腹痛');
      await phone.getByLabel('已采取措施').fill('已送医并封存留样');
      expect(await phone.getByRole('button', { name: '保存' }).count()).toBe(0);
      await phone.getByRole('button', { name: '上报', exact: true }).click();
      await expect.poll(() => phone.getByTestId('ledger-saved').textContent()).toBe('已上报：应急直报');
    } finally {
      await pages.closeAll();
    }
  });
});
