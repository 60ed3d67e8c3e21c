// The console in a real browser: Chinese by default, English on request, a wrong password said plainly,
// and each role landing on its own page — with nothing fetched from outside the server.
import { describe, expect, it } from 'vitest';
import { loginThroughForm, newWatchedContext, PHONE, useBrowserWithTestServer } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-server';

describe('login in the browser', () => {
  const rig = useBrowserWithTestServer();

  it('speaks Chinese by default, refuses a wrong password, and takes a county operator to the dispatch desk', async () => {
    const watched = await newWatchedContext(rig.browser, rig.server.url);
    const page = await watched.newPage();
    await page.goto(rig.server.url);
    await expect.poll(() => page.url()).toContain('#/login');
    await expect.poll(() => page.locator('h1').textContent()).toBe('明厨亮灶指挥调度平台');

    await page.getByLabel('用户名').fill('city.duty');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/登录失败/);

    const county = rig.server.dataset.jurisdictions.find((node) => node.level === 'county')!;
    await loginThroughForm(page, rig.server.url, `county.${county.code}`, TEST_PASSWORD);
    await expect.poll(() => page.url()).toContain('#/desk');
    await expect.poll(() => page.getByTestId('who').textContent()).toContain(county.name);
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
    await watched.context.close();
  });

  it('switches to English and remembers it', async () => {
    const watched = await newWatchedContext(rig.browser, rig.server.url, PHONE);
    const page = await watched.newPage();
    await page.goto(`${rig.server.url}/#/login`);
    await page.getByLabel('语言').selectOption('en');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Canteen Command');
    await page.reload();
    await expect.poll(() => page.getByLabel('Username').count()).toBe(1);
    await watched.context.close();
  });
});
