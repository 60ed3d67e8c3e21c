// The public page on a parent's phone, with no login: reached from the login page; a school found by part
// of its name within its county; its public information (type, address, canteen licence, risk grade) and
// its public cameras; a rating accepted; a complaint with a photo answered with a tracking code the API
// knows; the code tracked to the bureau's reply. Nothing is fetched from outside the server, no page error.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, newWatchedContext, PHONE, useBrowserWithTestServer } from '../support/browser';
import { ROOT } from '../support/server-process';

const PERSON_JPG = path.join(ROOT, 'fixtures', 'media', 'photos', 'person.jpg');

describe('public page on a phone', () => {
  const rig = useBrowserWithTestServer();

  beforeAll(async () => {
    // Grade every canteen, so the public page has a risk grade to show.
    const admin = await rig.server.login('city.admin');
    expect((await rig.server.request('POST', '/api/risk/recompute', { token: admin })).status).toBe(200);
  });

  it('finds a school, shows its public information, takes a rating and a complaint, and tracks it by code', async () => {
    const publicCamera = rig.server.dataset.cameras.find((camera) => camera.isPublic)!;
    const school = rig.server.dataset.schools.find((s) => s.id === publicCamera.schoolId)!;
    const canteen = rig.server.dataset.canteens.find((c) => c.schoolId === school.id)!;
    const county = rig.server.dataset.jurisdictions.find((node) => node.code === school.countyCode)!;
    const publicCameras = rig.server.dataset.cameras.filter((camera) => camera.schoolId === school.id && camera.isPublic);

    const watched = await newWatchedContext(rig.browser, rig.server.url, PHONE);
    const page = await watched.newPage();
    page.setDefaultTimeout(20_000);

    // From the login page, without logging in.
    await page.goto(`${rig.server.url}/#/login`);
    await page.getByRole('link', { name: '公众查询无需登录' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/public$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('查找学校');

    // Part of its name, within its county.
    const part = school.name.slice(3, 7);
    await page.getByLabel('学校名称').fill(part);
    await expect.poll(() => page.getByLabel('所在区县').locator('option').count()).toBeGreaterThan(1);
    await page.getByLabel('所在区县').selectOption(county.code);
    await page.getByRole('button', { name: '搜索' }).click();
    const result = page.getByTestId('school-result').filter({ hasText: school.name });
    await result.waitFor();
    expect(await page.getByTestId('school-result').filter({ hasNotText: county.name }).count()).toBe(0);
    await result.click();

    // Its public information.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(school.name);
    const info = page.getByTestId('school-info');
    expect(await info.textContent()).toContain(school.address);
    expect(await info.textContent()).toContain(county.name);
    const canteenCard = page.getByTestId('canteen').filter({ hasText: canteen.name });
    expect(await canteenCard.getByTestId('licence-no').textContent()).toBe(canteen.licenceNo);
    expect(await canteenCard.getByTestId('licence-status').textContent()).toMatch(/^(有效|即将到期|已过期)$/);
    expect(await canteenCard.getByTestId('risk-grade').textContent()).toMatch(/^[ABCD]级$/);
    expect(await page.getByTestId('public-camera').count()).toBe(publicCameras.length);
    expect(await page.getByTestId('rating-summary').getAttribute('data-count')).toBe('0');
    await page.screenshot({ path: await artifactPath('public-phone-school.png'), fullPage: true });

    // A rating.
    await page.getByRole('link', { name: '我要评价' }).click();
    await page.getByRole('radio', { name: '4 星' }).check();
    await page.getByLabel('评价内容（选填）').fill('饭菜干净，分量足。');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.getByTestId('rating-thanks').textContent()).toContain('4.0');
    const rated = await rig.server.request('GET', `/api/public/schools/${school.id}`);
    expect(rated.body.rating).toEqual({ average: 4, count: 1 });
    await page.getByRole('link', { name: /返回学校信息/ }).click();
    await expect.poll(() => page.getByTestId('rating-summary').getAttribute('data-count')).toBe('1');

    // A complaint with a photo: the tracking code comes back big, and the API knows it.
    await page.getByRole('link', { name: '我要投诉' }).click();
    await page.getByRole('button', { name: '提交投诉' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('请选择投诉类别。');
    await page.getByLabel('投诉类别').selectOption({ label: '饭菜异物' });
    await page.getByLabel('问题描述').fill('今天午餐的青菜里有一根头发。');
    await page.getByLabel('联系电话（选填）').fill('13800138000');
    await page.getByLabel('现场照片（选填）').setInputFiles(PERSON_JPG);
    await page.getByRole('button', { name: '提交投诉' }).click();
    const codeField = page.getByTestId('tracking-code');
    await codeField.waitFor();
    const code = await codeField.inputValue();
    expect(code).toMatch(/^TS[0-9A-HJKMNP-TV-Z]{8}$/);
    await page.screenshot({ path: await artifactPath('public-phone-complaint.png'), fullPage: true });
    const known = await rig.server.request('GET', `/api/public/complaints/${code}`);
    expect(known.status).toBe(200);
    expect(known.body).toMatchObject({ trackingCode: code, school: school.name, category: 'foreign_matter', status: 'received' });
    const duty = await rig.server.login('city.duty');
    const filed = (await rig.server.request('GET', `/api/complaints?school=${school.id}`, { token: duty })).body.items.find(
      (item: { trackingCode: string }) => item.trackingCode === code,
    );
    expect(filed).toMatchObject({ contact: '13800138000', photoId: expect.any(String) });

    await page.getByRole('button', { name: '复制查询码' }).click();
    await expect.poll(() => page.getByRole('button', { name: '已复制' }).count()).toBe(1);

    // Tracking: by the link under the code, then by typing the code (in lower case) after the bureau replied.
    await page.getByRole('link', { name: '查询处理进度' }).click();
    await expect.poll(() => page.url()).toContain(`#/public/track/${code}`);
    await expect.poll(() => page.getByTestId('complaint-state').textContent()).toBe('已受理');
    expect(await page.getByTestId('complaint-reply').textContent()).toBe('尚未答复，监管部门正在处理。');

    const replied = await rig.server.request('POST', `/api/complaints/${filed.id}/reply`, {
      token: duty,
      body: { version: filed.version, reply: '经核查，已责令学校整改，感谢监督。', founded: true },
    });
    expect(replied.status).toBe(200);
    await page.goto(`${rig.server.url}/#/public/track`);
    await page.getByLabel('查询码').fill('ts00000000');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('没有找到这个查询码，请核对后重试。');
    await page.getByLabel('查询码').fill(code.toLowerCase());
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByTestId('complaint-state').textContent()).toBe('已办结');
    expect(await page.getByTestId('complaint-reply').textContent()).toBe('经核查，已责令学校整改，感谢监督。');
    // The phone remembers the complaints it filed.
    expect(await page.getByRole('link', { name: new RegExp(code) }).count()).toBe(1);

    // No login prompt anywhere on the public page, nothing from elsewhere, no error.
    expect(await page.getByText('登录').count()).toBe(0);
    expect(page.url()).not.toContain('#/login');
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
    await watched.context.close();
  });
});
