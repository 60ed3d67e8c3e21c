// The patrol console in a real browser: the city's duty officer opens today's plan, patrols its first
// canteen, fails one checklist point with a note and submits; the record holds that answer, the plan shows
// the canteen done, and the console moves on to the next canteen.
import { describe, expect, it } from 'vitest';
import { artifactPath, loginThroughForm, newWatchedContext, useBrowserWithTestServer } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-server';

const NOTE = '砧板生熟混用，未分开存放';

describe('the patrol console', () => {
  const rig = useBrowserWithTestServer();

  it('records a failed patrol of the first canteen in the plan and marks it done', async () => {
    const token = await rig.server.login('city.duty');
    const watched = await newWatchedContext(rig.browser, rig.server.url);
    const page = await watched.newPage();
    await loginThroughForm(page, rig.server.url, 'city.duty', TEST_PASSWORD, '/patrol');
    await expect.poll(() => page.url()).toContain('#/patrol');

    const planItems = page.getByTestId('plan-item');
    await expect.poll(() => planItems.count()).toBeGreaterThan(1);
    const progress = page.getByTestId('patrol-progress');
    const doneBefore = Number(await progress.getAttribute('data-done'));
    const first = planItems.first();
    const canteenId = (await first.getAttribute('data-canteen'))!;
    expect(await first.getAttribute('data-status')).toBe('pending');
    await first.getByRole('button').click();
    await expect.poll(() => page.url()).toContain(`canteen=${canteenId}`);

    // The remote-patrol checklist: fail its first point, which then asks for a note before submitting.
    const points = page.getByTestId('checklist-item');
    await expect.poll(() => points.count()).toBeGreaterThan(5);
    const failing = points.first();
    const code = (await failing.getAttribute('data-item'))!;
    await failing.getByLabel('不合格').check();
    await page.getByRole('button', { name: '其余项标为合格' }).click();
    const submit = page.getByRole('button', { name: '提交巡查记录' });
    expect(await submit.isDisabled()).toBe(true);
    await expect.poll(() => page.getByText('1 个不合格项缺少说明').count()).toBe(1);
    await failing.getByLabel('说明').fill(NOTE);
    await expect.poll(() => page.getByTestId('patrol-outcome').textContent()).toBe('结论：不合格（1 项不合格）');
    await page.screenshot({ path: await artifactPath('patrol-console.png') });
    await submit.click();

    const result = page.getByTestId('patrol-result');
    await expect.poll(() => result.getAttribute('data-result')).toBe('failed');
    const recordId = await result.getAttribute('data-record');

    // The record, as the API gives it: the failed point with its note, every other point passed.
    const records = await rig.server.request<{ items: any[] }>('GET', `/api/patrol/records?canteen=${canteenId}`, { token });
    const record = records.body.items.find((candidate) => candidate.id === recordId);
    expect(record).toMatchObject({ result: 'failed', failedCount: 1, canteen: { id: canteenId } });
    expect(record.answers.find((answer: any) => answer.item === code)).toMatchObject({ result: 'fail', note: NOTE });
    expect(record.answers.filter((answer: any) => answer.item !== code).every((answer: any) => answer.result === 'pass')).toBe(true);

    // The plan shows the canteen done (failed) without a reload, and the progress moved.
    await expect
      .poll(() => page.locator(`[data-testid="plan-item"][data-canteen="${canteenId}"]`).getAttribute('data-status'))
      .toBe('done');
    expect(await page.locator(`[data-testid="plan-item"][data-canteen="${canteenId}"]`).getAttribute('data-result')).toBe('failed');
    await expect.poll(async () => Number(await progress.getAttribute('data-done'))).toBe(doneBefore + 1);
    const plan = await rig.server.request<{ items: any[] }>('GET', '/api/patrol/plan', { token });
    expect(plan.body.items.find((item) => item.canteen.id === canteenId)).toMatchObject({ status: 'done', result: 'failed', recordId });

    // On to the next canteen still to patrol, with a fresh checklist.
    await page.getByRole('button', { name: /^下一家/ }).click();
    await expect.poll(() => page.url()).not.toContain(canteenId);
    const nextId = new URL(page.url().replace('#/', '')).searchParams.get('canteen');
    expect(plan.body.items.find((item) => item.canteen.id === nextId)).toMatchObject({ status: 'pending' });
    await expect.poll(() => page.getByTestId('patrol-outcome').textContent()).toBe('结论：合格');
    expect(await page.getByRole('button', { name: '提交巡查记录' }).isDisabled()).toBe(true);

    expect(watched.foreignRequests).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
    await watched.context.close();
  });
});
