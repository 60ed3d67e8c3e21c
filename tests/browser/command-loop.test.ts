// The duty officer's loop, end to end in a real browser against a real server, stream relay and detection
// worker, nothing mocked: a camera in a Xinglong school kitchen sees people after hours; the detector's alert
// appears on the city big screen; the duty officer dispatches it to the county from the desk with an
// instruction; the county, seeing that instruction and the alert's evidence, forwards it to the school (already
// chosen) with its own; the school manager, on a phone, reads that instruction as 整改要求 with the alert's
// evidence, takes the photo and submits; the county approves — and the big screen's open-task count follows
// every step without a reload.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchBrowser, loginThroughForm, newWatchedContext, PHONE, type WatchedContext } from '../support/browser';
import { ROOT } from '../support/server-process';
import { waitUntil } from '../support/sockets';
import { startTestServer, type TestServer } from '../support/test-server';
import { personRules, startVideoRig, type VideoRig } from '../support/video-rig';

const XINGLONG = '130822';
const PERSON_JPG = path.join(ROOT, 'fixtures', 'media', 'photos', 'person.jpg');
const STEP = { timeout: 30_000 };

interface TaskBody {
  id: string;
  state: string;
  parentId: string | null;
  children: Array<{ id: string; state: string }>;
}

describe('the command loop in the browser', () => {
  let t: TestServer;
  let rig: VideoRig | undefined;
  let browser: Browser;
  const contexts: WatchedContext[] = [];
  let school: TestServer['dataset']['schools'][number];
  let cameraId = '';

  beforeAll(async () => {
    t = await startTestServer({ canteens: 40 });
    school = t.dataset.schools.find((s) => s.countyCode === XINGLONG && t.dataset.cameras.some((c) => c.schoolId === s.id))!;
    cameraId = t.dataset.cameras.find((c) => c.schoolId === school.id)!.id;
    rig = await startVideoRig(t, [{ id: cameraId, clip: 'people', rules: personRules('after_hours') }], { analytics: true });
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await rig?.stop();
    await t?.close();
  });

  async function open(username: string, target: string, options: Parameters<typeof newWatchedContext>[2] = {}): Promise<Page> {
    const watched = await newWatchedContext(browser, t.url, options);
    contexts.push(watched);
    const page = await watched.newPage();
    await loginThroughForm(page, t.url, username, 'test-Password-1', target);
    return page;
  }
  const openTasksOn = async (page: Page) => Number(await page.getByTestId('kpi-openTasks').textContent());

  it('goes from an AI alert to a closed task, and the big screen keeps count without a reload', async () => {
    const admin = await t.login('city.admin');
    const bigScreen = await open('city.duty', '/bigscreen');
    await bigScreen.getByTestId('kpi-openTasks').waitFor();
    let reloads = 0;
    bigScreen.on('framenavigated', (frame) => frame === bigScreen.mainFrame() && (reloads += 1));
    const openAtStart = await openTasksOn(bigScreen);

    // 1. The detector sees people after hours: its alert arrives in the big screen's feed by itself.
    let alertId = '';
    await waitUntil(
      async () => {
        const alerts = await t.request<{ items: Array<{ id: string }> }>('GET', `/api/alerts?camera=${cameraId}&source=ai`, {
          token: admin,
        });
        alertId = alerts.body.items[0]?.id ?? '';
        return alertId !== '';
      },
      90_000,
      'an AI alert from the worker',
    );
    const feedItem = bigScreen.getByTestId('alert-feed').locator(`[data-alert-id="${alertId}"]`);
    await feedItem.waitFor(STEP);
    expect(await feedItem.textContent()).toContain(school.name);
    await expect.poll(() => feedItem.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth), STEP).toBeGreaterThan(0);

    // 2. The duty officer opens it at the desk (the feed's link) and dispatches it to the county.
    const deskHref = await feedItem.getAttribute('href');
    expect(deskHref).toBe(`#/desk?tab=alerts&alert=${alertId}`);
    const cityDesk = await contexts[0]!.newPage();
    await cityDesk.goto(`${t.url}/${deskHref}`);
    await expect.poll(() => cityDesk.getByTestId('alert-status').textContent(), STEP).toBe('待研判');
    const cityInstruction = '非营业时间后厨有人滞留，请核查原因并落实门禁管理。';
    await cityDesk.getByLabel('下发说明').fill(cityInstruction);
    await cityDesk.getByRole('button', { name: '确认并下发', exact: true }).click();
    await cityDesk.getByTestId('alert-open-task').waitFor(STEP);
    const alert = await t.request<{ taskId: string; status: string }>('GET', `/api/alerts/${alertId}`, { token: admin });
    expect(alert.body.status).toBe('confirmed');
    const cityTaskId = alert.body.taskId;
    await expect.poll(() => openTasksOn(bigScreen), STEP).toBe(openAtStart + 1);

    // 3. The county operator accepts it and forwards it to the school.
    const countyDesk = await open(`county.${XINGLONG}`, `/desk?tab=tasks&task=${cityTaskId}`);
    await countyDesk
      .getByTestId('task-detail')
      .and(countyDesk.locator(`[data-task-id="${cityTaskId}"]`))
      .waitFor(STEP);
    // The city's instruction heads the task, with the alert's evidence; 转派 starts with the alert's school.
    expect(await countyDesk.getByTestId('task-instruction').textContent()).toBe(`整改要求${cityInstruction}`);
    expect(await countyDesk.getByTestId('task-evidence').textContent()).toContain('非工作时间人员进入');
    await countyDesk.screenshot({ path: await artifactPath('desk-task-context.png') });
    await countyDesk.getByRole('button', { name: '签收', exact: true }).click();
    await expect.poll(() => countyDesk.getByTestId('task-state').textContent(), STEP).toBe('已签收');
    await countyDesk.getByRole('button', { name: '转派', exact: true }).click();
    await expect.poll(() => countyDesk.getByRole('checkbox', { name: school.name }).isChecked(), STEP).toBe(true);
    const countyInstruction = '请学校今日内完成整改：非营业时间锁闭后厨并拍照上传。';
    await countyDesk.getByLabel('转派说明').fill(countyInstruction);
    await countyDesk.getByRole('button', { name: '确认转派', exact: true }).click();
    await expect.poll(() => countyDesk.getByTestId('task-action-result').textContent(), STEP).toContain('已转派');
    const parent = await t.request<TaskBody>('GET', `/api/tasks/${cityTaskId}`, { token: admin });
    expect(parent.body.children).toHaveLength(1);
    const childId = parent.body.children[0]!.id;
    await expect.poll(() => openTasksOn(bigScreen), STEP).toBe(openAtStart + 2);

    // 4. The school manager, on a phone, finds it among the tasks to rectify, accepts, photographs and submits.
    const phone = await open(`school.${school.code}`, '/school', PHONE);
    const card = phone.getByTestId('phase-open').getByTestId('open-tasks').locator(`[data-task-id="${childId}"]`);
    await card.waitFor(STEP);
    await card.click();
    // What the county asked is the first thing the school reads, with what the camera saw and its snapshot.
    await expect.poll(() => phone.getByTestId('task-instruction').textContent(), STEP).toBe(`整改要求${countyInstruction}`);
    const evidence = phone.getByTestId('task-evidence');
    expect(await evidence.textContent()).toContain('非工作时间人员进入');
    await expect.poll(() => evidence.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth), STEP).toBeGreaterThan(0);
    await phone.screenshot({ path: await artifactPath('school-task-context.png'), fullPage: true });
    await phone.getByRole('button', { name: '签收', exact: true }).click();
    await expect.poll(() => phone.getByTestId('task-view').getAttribute('data-state'), STEP).toBe('accepted');
    await phone.getByLabel('整改照片').setInputFiles(PERSON_JPG);
    await expect.poll(() => phone.getByTestId('photo-list').locator('li').getAttribute('data-status'), STEP).toBe('done');
    await phone.getByLabel('整改说明').fill('已清场并加装门禁，非营业时间后厨无人员滞留。');
    await phone.getByRole('button', { name: '提交整改', exact: true }).click();
    await expect.poll(() => phone.getByTestId('task-view').getAttribute('data-state'), STEP).toBe('submitted');

    // 5. The county sees the submission arrive, with the photo, and approves it.
    await countyDesk.goto(`${t.url}/#/desk?tab=tasks&task=${childId}`);
    await expect.poll(() => countyDesk.getByTestId('task-state').textContent(), STEP).toBe('待审核');
    await countyDesk.getByTestId('task-timeline').locator('img').first().waitFor(STEP);
    await countyDesk.getByRole('button', { name: '审核通过', exact: true }).click();
    await countyDesk.getByRole('button', { name: '确认销号', exact: true }).click();
    await expect.poll(() => countyDesk.getByTestId('task-state').textContent(), STEP).toBe('已销号');
    const child = await t.request<TaskBody>('GET', `/api/tasks/${childId}`, { token: admin });
    expect(child.body.state).toBe('closed');
    // On the phone the task has moved from 挂账督办 to 销号整改.
    await phone.goto(`${t.url}/#/school`);
    await phone.getByTestId('phase-closed').locator(`[data-task-id="${childId}"]`).waitFor(STEP);

    // 6. The big screen followed without a reload: one open task fewer than after the forward.
    await expect.poll(() => openTasksOn(bigScreen), STEP).toBe(openAtStart + 1);
    expect(reloads).toBe(0);
    for (const watched of contexts) {
      expect(watched.foreignRequests).toEqual([]);
      expect(watched.pageErrors).toEqual([]);
    }
  });
});
