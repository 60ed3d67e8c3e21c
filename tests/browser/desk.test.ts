// The dispatch desk in a real browser: the city dispatches through the form and the county sees it arrive
// without a reload, accepts and forwards it to a school; AI alerts are confirmed into a task or dismissed
// with a reason from the triage tab, or chosen by the handful for one camera and dismissed with one reason
// while the counts follow; the keyboard moves through the inbox; and an action on a task someone else has
// just changed is refused with the reason and the task's fresh state — with nothing fetched from outside
// the server and no page errors.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createServiceToken } from '../../server/auth/commands/createServiceToken';
import { systemActor } from '../../server/policy/actor';
import { artifactPath, loginThroughForm, newWatchedContext, useBrowserWithTestServer, type WatchedContext } from '../support/browser';
import { jpegWithExif, upload } from '../support/images';
import { TEST_PASSWORD, type TestServer } from '../support/test-server';

const COUNTY = '130822';

describe('dispatch desk in the browser', () => {
  const rig = useBrowserWithTestServer();
  let duty: string;
  let countyToken: string;
  let analytics: string;
  let school: TestServer['dataset']['schools'][number];
  const contexts: WatchedContext[] = [];

  beforeAll(async () => {
    duty = await rig.server.login('city.duty');
    countyToken = await rig.server.login(`county.${COUNTY}`);
    analytics = (
      await createServiceToken(rig.server.server.ctx, { actor: systemActor('test') }, { name: 'desk-analytics', kind: 'analytics' })
    ).token;
    school = rig.server.dataset.schools.find((s) => s.countyCode === COUNTY)!;
  });

  async function open(username: string, target: string): Promise<{ watched: WatchedContext; page: Page }> {
    const watched = await newWatchedContext(rig.browser, rig.server.url);
    contexts.push(watched);
    const page = await watched.newPage();
    await loginThroughForm(page, rig.server.url, username, TEST_PASSWORD, target);
    return { watched, page };
  }

  function expectClean(...watched: WatchedContext[]): void {
    for (const context of watched) {
      expect(context.foreignRequests).toEqual([]);
      expect(context.pageErrors).toEqual([]);
    }
  }

  const raiseAlert = async (cameraId: string, category: string, snapshotId?: string) => {
    const response = await rig.server.request('POST', '/api/alerts', {
      token: analytics,
      body: { source: 'ai', category, cameraId, confidence: 0.88, idempotencyKey: `desk-${category}-${Date.now()}`, snapshotId },
    });
    expect(response.status).toBe(201);
    return response.body.alert.id as string;
  };

  const dispatchToCounty = async (title: string) => {
    const response = await rig.server.request('POST', '/api/tasks', {
      token: duty,
      body: { title, description: '请核查', assignee: COUNTY },
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; version: number };
  };

  it('city.duty creates a task for a county; the county sees it arrive, accepts it and forwards it to a school', async () => {
    const county = await open(`county.${COUNTY}`, '/desk');
    await expect.poll(() => county.page.getByTestId('desk-count-open').textContent()).toMatch(/^\d+$/);
    // Open tasks are 挂账督办 (by state within it), closed ones 销号整改.
    expect(await county.page.getByTestId('phase-open').textContent()).toMatch(/^挂账督办 \d+已下发/);
    expect(await county.page.getByTestId('phase-closed').textContent()).toMatch(/^销号整改 \d+$/);
    const city = await open('city.duty', '/desk?tab=create');

    const title = `晨检台账核查 ${Date.now()}`;
    await city.page.getByLabel('接收区县').selectOption(COUNTY);
    await city.page.getByLabel('任务标题').fill(title);
    await city.page.getByLabel('任务说明').fill('请于期限内核查辖区学校晨检台账并整改。');
    await city.page.getByLabel('问题类别').selectOption('no_morning_check');
    await city.page.getByRole('button', { name: '下发任务' }).click();
    await expect.poll(() => city.page.getByTestId('create-result').textContent()).toContain(title);

    // The county's inbox shows it without a reload.
    const row = county.page.getByTestId('task-row').filter({ hasText: title });
    await row.waitFor();
    const taskId = (await row.getAttribute('data-task-id'))!;
    await row.click();
    await expect.poll(() => county.page.getByTestId('task-state').textContent()).toBe('已下发');
    await expect.poll(() => county.page.getByTestId('task-detail').textContent()).toContain('未进行晨检');

    await county.page.getByRole('button', { name: '签收', exact: true }).click();
    await expect.poll(() => county.page.getByTestId('task-state').textContent()).toBe('已签收');
    await expect.poll(() => county.page.getByTestId('task-timeline').textContent()).toContain('签收');

    await county.page.getByRole('button', { name: '转派', exact: true }).click();
    await county.page.getByLabel('查找学校').fill(school.name);
    await county.page.getByRole('checkbox', { name: school.code }).check();
    await county.page.getByLabel('转派说明').fill('请学校立即自查');
    await county.page.getByRole('button', { name: '确认转派' }).click();
    await expect.poll(() => county.page.getByTestId('task-action-result').textContent()).toBe('已转派至 1 所学校');
    await expect.poll(() => county.page.getByTestId('task-children').textContent()).toContain(school.name);

    const children = await rig.server.request('GET', `/api/tasks?school=${school.id}&state=dispatched`, { token: countyToken });
    expect(children.status).toBe(200);
    expect(children.body.items).toContainEqual(
      expect.objectContaining({ parentId: taskId, title, state: 'dispatched', assignee: expect.objectContaining({ code: school.code }) }),
    );
    // The city's own list learns the new state too.
    await city.page.getByRole('tab', { name: '任务办理' }).click();
    await expect.poll(() => city.page.getByTestId('task-row').filter({ hasText: title }).first().textContent()).toContain('已签收');
    expectClean(county.watched, city.watched);
  });

  it('confirms one alert into a task for its county and dismisses another with a reason, from the alert tab', async () => {
    const camera = rig.server.dataset.cameras.find((c) => c.schoolId === school.id)!;
    const snapshot = (await upload(rig.server.url, duty, await jpegWithExif(320, 180), { node: school.code, purpose: 'snapshot' })).body
      .id as string;
    const smoking = await raiseAlert(camera.id, 'smoking', snapshot);
    const noHat = await raiseAlert(camera.id, 'no_chef_hat');

    const city = await open('city.duty', `/desk?tab=alerts&alert=${smoking}`);
    const page = city.page;
    await expect.poll(() => page.getByTestId('alert-title').textContent()).toBe(`吸烟 · ${school.name}`);
    await expect
      .poll(() => page.locator(`[data-testid="alert-row"][data-alert-id="${smoking}"]`).getAttribute('aria-selected'))
      .toBe('true');
    // The snapshot thumbnail is drawn.
    await expect
      .poll(() =>
        page.locator(`[data-testid="alert-row"][data-alert-id="${smoking}"] img`).evaluate((img) => (img as HTMLImageElement).naturalWidth),
      )
      .toBeGreaterThan(0);

    await page.getByRole('radio', { name: /所属区县/ }).check();
    await page.getByRole('button', { name: '确认并下发' }).click();
    await expect.poll(() => page.getByTestId('alert-status').textContent()).toBe('已确认');
    const confirmed = await rig.server.request('GET', `/api/alerts/${smoking}`, { token: duty });
    expect(confirmed.body).toMatchObject({ status: 'confirmed' });
    const taskId = confirmed.body.taskId as string;
    const task = await rig.server.request('GET', `/api/tasks/${taskId}`, { token: duty });
    expect(task.body).toMatchObject({ state: 'dispatched', source: 'alert', alertId: smoking, assignee: { code: COUNTY } });

    // The new task opens in the task tab, with the snapshot as evidence that opens full size.
    await page.getByTestId('alert-open-task').click();
    await expect.poll(() => page.getByTestId('task-detail').getAttribute('data-task-id')).toBe(taskId);
    await expect.poll(() => page.getByTestId('task-title').textContent()).toContain('吸烟');
    await page.getByRole('button', { name: '证据照片 1' }).click();
    await expect.poll(() => page.getByTestId('photo-full').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(320);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('photo-full').count()).toBe(0);

    await page.getByRole('tab', { name: '预警研判' }).click();
    await page.locator(`[data-testid="alert-row"][data-alert-id="${noHat}"]`).click();
    await expect.poll(() => page.getByTestId('alert-title').textContent()).toContain('未戴厨师帽');
    await page.getByLabel('排除原因').fill('误报：厨师帽被遮挡');
    await page.getByRole('button', { name: '排除', exact: true }).click();
    await expect.poll(() => page.getByTestId('alert-status').textContent()).toBe('已排除');
    const dismissed = await rig.server.request('GET', `/api/alerts/${noHat}`, { token: duty });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', dismissReason: '误报：厨师帽被遮挡', taskId: null });
    // Both have left the list of alerts waiting for a decision.
    const rowOf = (id: string) => page.locator(`[data-testid="alert-row"][data-alert-id="${id}"]`);
    await expect.poll(() => rowOf(noHat).count()).toBe(0);
    expect(await rowOf(smoking).count()).toBe(0);
    expectClean(city.watched);
  });

  it('chooses three alerts of one camera, dismisses them with one reason and confirms the last by keyboard; the counts follow', async () => {
    const other = rig.server.dataset.schools.find(
      (s) => s.countyCode === COUNTY && s.id !== school.id && rig.server.dataset.cameras.some((c) => c.schoolId === s.id),
    )!;
    const camera = rig.server.dataset.cameras.find((c) => c.schoolId === other.id)!;
    const ids: string[] = [];
    for (const category of ['no_mask', 'phone_use', 'uncovered_bin', 'crowding']) ids.push(await raiseAlert(camera.id, category));
    const [oldest, second, third, newest] = ids as [string, string, string, string];
    const counts = async () =>
      (await rig.server.request('GET', `/api/alerts/counts?camera=${camera.id}`, { token: duty })).body as Record<
        'new' | 'confirmed' | 'dismissed' | 'resolved',
        number
      >;
    const before = await counts();
    expect(before.new).toBeGreaterThanOrEqual(4);

    const city = await open('city.duty', '/desk?tab=alerts');
    const page = city.page;
    const count = (status: string) => page.getByTestId(`alert-count-${status}`).textContent();
    // The camera is found by its school's name and chosen; the list and the counts keep to it.
    await page.getByLabel('摄像头', { exact: true }).fill(other.name);
    await page.locator(`[data-camera-id="${camera.id}"]`).click();
    await expect.poll(() => page.getByTestId('camera-filter-chip').textContent()).toContain(camera.name);
    expect(page.url()).toContain(`camera=${camera.id}`);
    await expect.poll(() => count('new')).toBe(String(before.new));
    expect(await count('dismissed')).toBe(String(before.dismissed));
    expect(await count('all')).toBe(String(before.new + before.confirmed + before.dismissed + before.resolved));

    // The newest three: one box, then Shift-click on the third.
    const row = (id: string) => page.locator(`[data-testid="alert-row"][data-alert-id="${id}"]`);
    await row(newest).getByRole('checkbox').click();
    await row(second)
      .getByRole('checkbox')
      .click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('batch-chosen').textContent()).toBe('已选 3 条预警');
    expect(await row(third).getAttribute('aria-checked')).toBe('true');
    expect(await row(oldest).getAttribute('aria-checked')).toBe('false');

    // Shift+D asks for one reason with the box ready to type in; Ctrl+Enter dismisses all three.
    await page.keyboard.press('Shift+D');
    await page.getByRole('dialog', { name: '排除 3 条预警' }).waitFor();
    await page.keyboard.type('误报：灯光反射');
    await page.keyboard.press('Control+Enter');
    const outcome = page.getByTestId('batch-outcome');
    await expect.poll(() => outcome.locator('strong').textContent()).toBe('已排除 3 条预警');
    expect(await outcome.locator('li[data-ok="true"]').count()).toBe(3);
    await page.screenshot({ path: await artifactPath('desk-batch-triage.png') });
    await expect.poll(() => count('new')).toBe(String(before.new - 3));
    await expect.poll(() => count('dismissed')).toBe(String(before.dismissed + 3));
    await expect.poll(() => row(second).count()).toBe(0);
    for (const id of [second, third, newest]) {
      const alert = await rig.server.request('GET', `/api/alerts/${id}`, { token: duty });
      expect(alert.body).toMatchObject({ status: 'dismissed', dismissReason: '误报：灯光反射' });
    }

    // The last one by keyboard: x chooses the row under the cursor, Shift+C confirms, Esc closes the detail.
    await row(oldest).click();
    await page.keyboard.press('x');
    await expect.poll(() => page.getByTestId('batch-chosen').textContent()).toBe('已选 1 条预警');
    await page.keyboard.press('Shift+C');
    await expect.poll(() => outcome.locator('strong').textContent()).toBe('已确认 1 条预警');
    await expect.poll(() => count('confirmed')).toBe(String(before.confirmed + 1));
    expect((await rig.server.request('GET', `/api/alerts/${oldest}`, { token: duty })).body.status).toBe('confirmed');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('alert-detail').count()).toBe(0);
    expectClean(city.watched);
  });

  it('shows a camera’s outage alert resolved by itself under 已解除, with how long the camera was down and by whom', async () => {
    const relay = (await createServiceToken(rig.server.server.ctx, { actor: systemActor('test') }, { name: 'desk-relay', kind: 'relay' }))
      .token;
    const camera = rig.server.dataset.cameras.filter((c) => c.schoolId === school.id).at(-1)!;
    const report = async (status: string, at: Date) =>
      (
        await rig.server.request('POST', `/api/cameras/${camera.id}/status`, {
          token: relay,
          body: { status, observedAt: at.toISOString() },
        })
      ).body as { alertId: string | null };
    const down = new Date(Date.now() - 5 * 60_000);
    const { alertId } = await report('offline', down);
    await report('online', new Date(down.getTime() + 125_000));

    const city = await open('city.duty', `/desk?tab=alerts&status=resolved&camera=${camera.id}`);
    const page = city.page;
    await expect.poll(() => page.getByTestId('alert-count-resolved').textContent()).toBe('1');
    await page.locator(`[data-testid="alert-row"][data-alert-id="${alertId}"]`).click();
    await expect.poll(() => page.getByTestId('alert-status').textContent()).toBe('已解除');
    expect(await page.getByTestId('alert-resolution').textContent()).toBe('已解除：摄像头已恢复在线，摄像头离线持续 2 分 5 秒');
    expect(await page.getByTestId('alert-decided-by').textContent()).toBe('系统（摄像头巡检）');
    expectClean(city.watched);
  });

  it('moves through the inbox with j and k, opens with Enter, and shows the shortcuts on ?', async () => {
    for (const n of [1, 2, 3]) await dispatchToCounty(`键盘测试任务 ${n}`);
    const city = await open('city.duty', '/desk?tab=tasks&q=键盘测试任务');
    const page = city.page;
    const rows = page.getByTestId('task-row');
    await expect.poll(() => rows.count()).toBe(3);
    const selectedIndex = () =>
      rows.evaluateAll((elements) => elements.findIndex((element) => element.getAttribute('aria-selected') === 'true'));

    await page.keyboard.press('j');
    await expect.poll(selectedIndex).toBe(0);
    await page.keyboard.press('j');
    await expect.poll(selectedIndex).toBe(1);
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await expect.poll(selectedIndex).toBe(1);
    const second = (await rows.nth(1).getAttribute('data-task-id'))!;
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('task-detail').getAttribute('data-task-id')).toBe(second);
    expect(page.url()).toContain(`task=${second}`);

    // m opens the reminder on the open task (Ctrl+Enter sends it); a is refused: nothing to approve yet.
    await page.keyboard.press('m');
    await page.getByRole('form', { name: '催办' }).getByLabel('催办内容').waitFor();
    await page.keyboard.type('请加快整改进度');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('task-action-result').textContent()).toBe('已催办');
    await expect.poll(() => page.getByTestId('task-timeline').textContent()).toContain('请加快整改进度');
    await page.keyboard.press('a');
    await expect.poll(() => page.getByTestId('task-action-error').textContent()).toBe('此任务当前不能执行「审核通过」');

    // Keys typed into the search box are text, not commands.
    await page.keyboard.press('/');
    await page.keyboard.type('j');
    expect(await page.getByLabel('搜索').inputValue()).toBe('键盘测试任务j');
    await page.keyboard.press('Backspace');
    await page.getByLabel('搜索').blur();
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(selectedIndex).toBe(1);

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: '键盘快捷键' });
    await expect.poll(() => help.textContent()).toContain('下一条');
    expect(await help.textContent()).toContain('审核通过');
    expect(await help.textContent()).toContain('排除已选预警');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    expectClean(city.watched);
  });

  it('sends one notice with a photo to every school of a county, showing the count before sending', async () => {
    const city = await open('city.duty', '/desk?tab=bulk');
    const page = city.page;
    const expected = rig.server.dataset.schools.filter((s) => s.countyCode === COUNTY).length;
    await page.getByLabel('区县').selectOption(COUNTY);
    await expect.poll(() => page.getByTestId('bulk-preview-count').textContent()).toBe(String(expected));
    const title = `食堂开学检查通知 ${Date.now()}`;
    await page.getByLabel('通知标题').fill(title);
    await page.getByLabel('通知内容').fill('请各校于开学前完成后厨自查并上传照片。');
    await page.getByLabel('附件照片').setInputFiles({ name: 'notice.jpg', mimeType: 'image/jpeg', buffer: await jpegWithExif() });
    await page.getByRole('button', { name: '批量下发' }).last().click();
    await expect.poll(() => page.getByTestId('bulk-result').textContent()).toContain(`已向 ${expected} 所学校下发`);

    const sent = await rig.server.request('GET', `/api/tasks?box=outbox&q=${encodeURIComponent(title)}`, { token: duty });
    expect(sent.body.total).toBe(expected);
    expect(new Set(sent.body.items.map((task: any) => task.batchId)).size).toBe(1);
    const one = await rig.server.request('GET', `/api/tasks/${sent.body.items[0].id}`, { token: duty });
    expect(one.body.assignee.level).toBe('school');
    expect(one.body.timeline[0].attachmentIds).toHaveLength(1);
    expectClean(city.watched);
  });

  it('refuses an action on a task someone else has just changed, says why in Chinese and shows its fresh state', async () => {
    const task = await dispatchToCounty(`并发修改测试 ${Date.now()}`);
    const county = await open(`county.${COUNTY}`, `/desk?task=${task.id}`);
    const page = county.page;
    await expect.poll(() => page.getByTestId('task-state').textContent()).toBe('已下发');
    await page.getByRole('button', { name: '转派', exact: true }).click();
    await page.getByRole('checkbox', { name: school.code }).check();

    // Meanwhile the task is accepted elsewhere.
    const accepted = await rig.server.request('POST', `/api/tasks/${task.id}/actions`, {
      token: countyToken,
      body: { action: 'accept', version: task.version },
    });
    expect(accepted.status).toBe(200);
    await expect.poll(() => page.getByTestId('task-state').textContent()).toBe('已签收');

    await page.getByRole('button', { name: '确认转派' }).click();
    await expect.poll(() => page.getByTestId('task-action-error').textContent()).toContain('任务已被他人修改');
    expect(await page.getByTestId('task-action-error').textContent()).toContain('已签收');
    await expect.poll(() => page.getByTestId('task-state').textContent()).toBe('已签收');
    const after = await rig.server.request('GET', `/api/tasks/${task.id}`, { token: countyToken });
    expect(after.body).toMatchObject({ state: 'accepted', children: [] });
    expectClean(county.watched);
  });
});
