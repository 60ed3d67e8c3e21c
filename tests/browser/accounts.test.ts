// Login delays in a real browser: a user who keeps mistyping is told how long to wait, in Chinese, and the
// city administrator finds the account on 登录限制 and lifts the delay, after which the user gets in.
import { describe, expect, it } from 'vitest';
import { artifactPath, loginThroughForm, newWatchedContext, useBrowserWithTestServer } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-server';

describe('login delays in the browser', () => {
  const rig = useBrowserWithTestServer({ env: { LOGIN_RATE_PER_MINUTE: '100' } });

  it('tells a mistyping user to wait, and lets the city administrator lift the delay', async () => {
    const username = 'county.130824';
    // Only the test moves the server's time, so the wait it announces is exact.
    rig.server.clock.freeze();
    const user = await newWatchedContext(rig.browser, rig.server.url);
    const login = await user.newPage();
    await login.goto(`${rig.server.url}/#/login`);
    await login.getByLabel('用户名').fill(username);
    await login.getByLabel('密码').fill('wrong-password');
    await login.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => login.getByRole('alert').textContent()).toBe('登录失败：用户名或密码错误');

    // Nine more mistakes from the same address (this machine), each delay waited out on the server's clock:
    // the tenth earns a wait of 16 s.
    for (let failed = 1; failed < 10;) {
      const response = await rig.server.request('POST', '/api/auth/login', { body: { username, password: `wrong-${failed}` } });
      if (response.status === 429) rig.server.clock.advance(Number(response.headers.get('retry-after')) * 1000);
      else failed += 1;
    }
    await login.getByLabel('密码').fill(TEST_PASSWORD);
    await login.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => login.getByRole('alert').textContent()).toMatch(/^登录失败：密码输错次数过多，请 16 秒后再试$/);

    const admin = await newWatchedContext(rig.browser, rig.server.url);
    const page = await admin.newPage();
    await loginThroughForm(page, rig.server.url, 'city.admin', TEST_PASSWORD);
    await page.getByRole('link', { name: '登录限制' }).click();
    const row = page.locator(`[data-testid="throttled-account"][data-username="${username}"]`);
    await expect.poll(() => row.textContent()).toContain('10 次');
    await page.screenshot({ path: await artifactPath('accounts-page.png') });
    await row.getByRole('button', { name: '解除限制' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^已解除 .+ 的登录限制$/);
    await expect.poll(() => row.count()).toBe(0);

    // Held back a moment ago, the right password now goes straight in.
    await login.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => login.url()).toContain('#/desk');
    for (const watched of [user, admin]) {
      expect(watched.foreignRequests).toEqual([]);
      expect(watched.pageErrors).toEqual([]);
      await watched.context.close();
    }
  });
});
