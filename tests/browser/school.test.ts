// The school manager's phone page in a real browser: a task dispatched by the city appears under 挂账督办
// with its deadline, what the city asks (整改要求) and its notice photo; the manager accepts it, a file that
// is not a photo is refused in plain Chinese, a real photo is uploaded through the phone's file input and
// the rectification is submitted; the API then holds the task as submitted with that image. A large phone
// photo is shrunk in the browser before it is sent.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchBrowser, loginThroughForm, newWatchedContext, PHONE, type WatchedContext } from '../support/browser';
import { upload } from '../support/images';
import { ROOT } from '../support/server-process';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../support/test-server';

const PERSON_JPG = path.join(ROOT, 'fixtures', 'media', 'photos', 'person.jpg');
const DOG_JPG = path.join(ROOT, 'fixtures', 'media', 'photos', 'dog.jpg');

/** A 4000 × 3000 photo of noise, several megabytes, like a phone camera's. */
async function bigPhoto(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 7;
  for (let i = 0; i < pixels.length; i += 1) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    pixels[i] = seed >> 23;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

describe('school page on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  let watched: WatchedContext;
  let page: Page;
  let duty: string;
  let school: TestServer['dataset']['schools'][number];

  const dispatch = async (title: string, attachmentIds: string[] = [], deadlineHours = 12) => {
    const created = await server.request('POST', '/api/tasks', {
      token: duty,
      body: { title, description: '库房防鼠网破损，请更换并清理库房。', assignee: school.code, deadlineHours, attachmentIds },
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; version: number };
  };
  const taskOf = async (id: string) => (await server.request('GET', `/api/tasks/${id}`, { token: duty })).body;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    duty = await server.login('city.duty');
    school = server.dataset.schools[0]!;
    watched = await newWatchedContext(browser, server.url, PHONE);
    page = await watched.newPage();
    // A step that cannot happen fails with its locator named, rather than hanging until the test's timeout.
    page.setDefaultTimeout(20_000);
    await loginThroughForm(page, server.url, `school.${school.code}`, TEST_PASSWORD, '/school');
  });
  afterAll(async () => {
    await watched?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('shows a dispatched task, accepts it, refuses a text file and submits a real photo', async () => {
    const notice = await upload(server.url, duty, await readFile(DOG_JPG), { name: 'notice.jpg' });
    expect(notice.status).toBe(201);
    const task = await dispatch('库房防鼠设施整改', [notice.body.id]);

    // The task arrives on the open list (realtime), due within a day: highlighted as due soon.
    await expect.poll(() => page.url()).toContain('#/school');
    const card = page.getByTestId('open-tasks').locator(`[data-task-id="${task.id}"]`);
    await card.waitFor();
    // Tasks still to rectify or awaiting review are 挂账督办; closed ones 销号整改.
    expect(await page.getByTestId('phase-open').getByRole('heading', { level: 2 }).textContent()).toBe('挂账督办');
    expect(await page.getByTestId('phase-closed').getByRole('heading', { level: 2 }).textContent()).toBe('销号整改');
    expect(await card.getAttribute('data-urgency')).toBe('soon');
    const city = server.dataset.jurisdictions.find((node) => node.level === 'city')!;
    expect(await card.textContent()).toContain(`下发单位：${city.name}`);
    expect(await card.getByTestId('task-state').textContent()).toBe('已下发');
    await page.screenshot({ path: await artifactPath('school-phone-list.png'), fullPage: true });

    await card.click();
    await expect.poll(() => page.url()).toContain(`?task=${task.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('库房防鼠设施整改');
    await expect.poll(() => page.getByTestId('task-instruction').textContent()).toBe('整改要求库房防鼠网破损，请更换并清理库房。');
    // The city's notice photo is shown (its thumbnail decodes).
    const noticeImage = page.getByRole('list', { name: '通知附件与预警抓拍' }).locator('img').first();
    await expect.poll(() => noticeImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

    await page.getByRole('button', { name: '签收' }).click();
    await expect.poll(() => page.getByTestId('task-view').getAttribute('data-state')).toBe('accepted');
    expect((await taskOf(task.id)).state).toBe('accepted');

    // A text file through the camera input: refused at once, in Chinese, and the submit stays off.
    const photoInput = page.getByLabel('整改照片');
    await photoInput.setInputFiles({ name: '整改说明.txt', mimeType: 'text/plain', buffer: Buffer.from('这不是照片') });
    await expect.poll(() => page.getByTestId('photo-refusal').textContent()).toContain('不是照片，只能上传 JPEG、PNG 或 WebP');
    await page.getByLabel('整改说明').fill('已更换库房防鼠网，清理杂物并消毒。');
    expect(await page.getByRole('button', { name: '提交整改' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('photo-list').count()).toBe(0);
    const untouched = await taskOf(task.id);
    expect(untouched.state).toBe('accepted');
    expect(untouched.timeline.some((entry: { action: string }) => entry.action === 'submit')).toBe(false);

    // A real photo: previewed, uploaded, then submitted with the text.
    await photoInput.setInputFiles(PERSON_JPG);
    const item = page.getByTestId('photo-list').locator('li');
    await expect.poll(() => item.getAttribute('data-status')).toBe('done');
    await expect.poll(() => page.getByTestId('photo-refusal').count()).toBe(0);
    await page.screenshot({ path: await artifactPath('school-phone-rectify.png'), fullPage: true });
    await page.getByRole('button', { name: '提交整改' }).click();
    await expect.poll(() => page.getByTestId('task-view').getAttribute('data-state')).toBe('submitted');
    expect(await page.getByTestId('task-view').getByTestId('task-state').first().textContent()).toBe('待审核');

    const submitted = await taskOf(task.id);
    expect(submitted.state).toBe('submitted');
    const submit = submitted.timeline.find((entry: { action: string }) => entry.action === 'submit');
    expect(submit.note).toBe('已更换库房防鼠网，清理杂物并消毒。');
    expect(submit.attachmentIds).toHaveLength(1);
    const image = await fetch(`${server.url}/api/attachments/${submit.attachmentIds[0]}`, { headers: { authorization: `Bearer ${duty}` } });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([(await sharp(PERSON_JPG).metadata()).width, (await sharp(PERSON_JPG).metadata()).height]);

    // Back on the list it waits for review, not among the open tasks.
    await page.getByRole('link', { name: /返回任务列表/ }).click();
    await page.getByTestId('review-tasks').locator(`[data-task-id="${task.id}"]`).waitFor();
    expect(await page.getByTestId('open-tasks').locator(`[data-task-id="${task.id}"]`).count()).toBe(0);

    expect(watched.foreignRequests).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
  });

  it('opens a task from its link, shrinks a large phone photo before upload, and shows the return reason', async () => {
    const task = await dispatch('后厨地面油污整改');
    await page.goto(`${server.url}/#/school?task=${task.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('后厨地面油污整改');
    await page.getByRole('button', { name: '签收' }).click();
    await expect.poll(() => page.getByTestId('task-view').getAttribute('data-state')).toBe('accepted');

    const big = await bigPhoto();
    expect(big.length).toBeGreaterThan(1_500_000);
    await page.getByLabel('整改照片').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: big });
    await expect.poll(() => page.getByTestId('photo-list').locator('li').getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    await page.getByLabel('整改说明').fill('已清理地面油污。');
    await page.getByRole('button', { name: '提交整改' }).click();
    await expect.poll(() => page.getByTestId('task-view').getAttribute('data-state')).toBe('submitted');

    const submitted = await taskOf(task.id);
    const photoId = submitted.timeline.find((entry: { action: string }) => entry.action === 'submit').attachmentIds[0];
    const image = await fetch(`${server.url}/api/attachments/${photoId}`, { headers: { authorization: `Bearer ${duty}` } });
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    expect(meta.width).toBe(2048);
    expect(meta.height).toBe(1536);

    // The city sends it back: the reason shows on the phone without a reload, and the task is open again.
    const returned = await server.request('POST', `/api/tasks/${task.id}/actions`, {
      token: duty,
      body: { action: 'return', version: submitted.version, reason: '照片看不清地面，请近距离重拍。' },
    });
    expect(returned.status).toBe(200);
    await expect.poll(() => page.getByTestId('return-reason').textContent()).toContain('照片看不清地面，请近距离重拍。');
    expect(await page.getByRole('button', { name: '提交整改' }).count()).toBe(1);

    expect(watched.foreignRequests).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
  });

  it('puts an overdue task first and marks it, and a logged-out link to a task lands on it after login', async () => {
    const later = await dispatch('餐具消毒记录补录', [], 72);
    const late = await dispatch('留样柜温度异常整改', [], 1);
    server.clock.advance(2 * 3_600_000);
    await page.goto(`${server.url}/#/school`);
    await page.reload();
    const first = page.getByTestId('open-tasks').getByTestId('task-card').first();
    await expect.poll(() => first.getAttribute('data-task-id')).toBe(late.id);
    expect(await first.getAttribute('data-urgency')).toBe('overdue');
    expect(await first.textContent()).toMatch(/已超期/);
    expect(await page.locator(`[data-task-id="${later.id}"]`).getAttribute('data-urgency')).toBe('normal');

    // Logged out, the link asks for a login and then opens the task itself.
    await page.getByRole('button', { name: '退出' }).click();
    await expect.poll(() => page.url()).toContain('#/login');
    await page.getByLabel('用户名').waitFor();
    await page.goto(`${server.url}/#/school?task=${late.id}`);
    // The login page that remembers the task (not the one shown before the link was opened).
    await expect.poll(() => page.url()).toContain(`#/login?next=${encodeURIComponent(`/school?task=${late.id}`)}`);
    await page.getByLabel('用户名').fill(`school.${school.code}`);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByTestId('task-view').getAttribute('data-task-id')).toBe(late.id);
    expect(watched.pageErrors).toEqual([]);
  });
});
