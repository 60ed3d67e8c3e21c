// A command-room screen outlives its server: when the server process is killed the big screen says it is
// reconnecting; what happened while it was away (alerts raised through another server process on the same
// database) appears once it is back — replayed from the event log by sequence number — and the banner clears
// by itself, with no reload.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginThroughForm, newWatchedContext } from '../support/browser';
import { useServerProcesses } from '../support/process-rig';
import { freePort, startServerProcess } from '../support/server-process';
import { request } from '../support/test-server';

const PASSWORD = 'reconnect-Screen-1';

describe('the big screen across a server restart', () => {
  const rig = useServerProcesses(PASSWORD);
  let browser: Browser;

  beforeAll(async () => {
    await rig.restart('SIGTERM', 180_000);
    browser = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the reconnecting banner, then the alerts it missed, without a reload', async () => {
    const watched = await newWatchedContext(browser, rig.server.url);
    const page = await watched.newPage();
    await loginThroughForm(page, rig.server.url, 'city.duty', PASSWORD, '/bigscreen');
    await page.getByTestId('kpi-alertsToday').waitFor();
    const feed = page.getByTestId('alert-feed');
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('cc.realtime.seq') !== null)).toBe(true);
    let navigations = 0;
    page.on('framenavigated', (frame) => frame === page.mainFrame() && (navigations += 1));

    await rig.server.stop('SIGKILL');
    await page.getByTestId('reconnecting-banner').waitFor({ state: 'visible', timeout: 30_000 });

    // Meanwhile, parents file complaints through another server process on the same database: each raises an
    // alert the duty officer has not seen.
    const other = await startServerProcess({ ...rig.env, PORT: String(await freePort()) }, 120_000);
    const schools = await request<{ items: Array<{ id: string; name: string }> }>(other.url, 'GET', '/api/public/schools?pageSize=2');
    const raised: string[] = [];
    for (const school of schools.body.items) {
      const filed = await request(other.url, 'POST', '/api/public/complaints', {
        body: { schoolId: school.id, category: 'hygiene', text: `${school.name}后厨地面有积水，垃圾未及时清理` },
      });
      expect(filed.status, filed.text).toBe(201);
      raised.push(school.name);
    }
    expect(await other.stop('SIGTERM')).toBe(0);

    const server = await rig.restart('SIGKILL', 120_000);
    await page.getByTestId('reconnecting-banner').waitFor({ state: 'detached', timeout: 30_000 });
    for (const name of raised) await expect.poll(() => feed.textContent().catch(() => ''), { timeout: 20_000 }).toContain(name);
    // The socket resumed from the last sequence it saw: it now stands at the newest event of the log.
    const token = (
      await request<{ token: string }>(server.url, 'POST', '/api/auth/login', { body: { username: 'city.duty', password: PASSWORD } })
    ).body.token;
    let newest = 0;
    for (;;) {
      const page = await request<{ events: Array<{ seq: number }> }>(server.url, 'GET', `/api/events?since=${newest}&limit=1000`, {
        token,
      });
      if (page.body.events.length === 0) break;
      newest = page.body.events.at(-1)!.seq;
    }
    expect(newest).toBeGreaterThan(0);
    await expect.poll(() => page.evaluate(() => Number(sessionStorage.getItem('cc.realtime.seq')))).toBeGreaterThanOrEqual(newest);
    expect(navigations).toBe(0);
    expect(watched.foreignRequests).toEqual([]);
    await watched.context.close();
  });
});
