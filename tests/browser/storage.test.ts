// The recording storage in a real browser: the city administrator finds the relays' storage under 录像存储;
// when a relay reports that it stopped recording at its disk floor, a banner appears on the page they are on
// (the system alert's event) and the relay shows as stopped; when it records again the banner goes by itself.
// A duty officer has neither the page nor the banner.
import { afterAll, describe, expect, it } from 'vitest';
import { storageReport } from '../../stream-relay/testing/storage-report';
import type { StorageReport } from '../../stream-relay/protocol';
import { createServiceToken } from '../../server/auth/commands/createServiceToken';
import { systemActor } from '../../server/policy/actor';
import { artifactPath, loggedInPages, useBrowserWithTestServer } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-server';

describe('recording storage page', () => {
  const rig = useBrowserWithTestServer({ canteens: 20 });
  const pages = loggedInPages(rig, TEST_PASSWORD);
  afterAll(() => pages.closeAll());

  it('shows the city administrator each relay’s storage, and a banner while one has stopped recording', async () => {
    const server = rig.server;
    const { token } = await createServiceToken(server.server.ctx, { actor: systemActor('test') }, { name: 'relay-s', kind: 'relay' });
    const heartbeat = async (storage: StorageReport) => {
      const answer = await server.request('POST', '/api/relays/heartbeat', {
        token,
        body: { relayId: 'relay-s', url: 'http://127.0.0.1:1', cameras: [], storage },
      });
      expect(answer.status).toBe(200);
    };
    await heartbeat(storageReport(false));

    const page = await pages.open('city.admin', '/bigscreen');
    await page.getByRole('link', { name: '录像存储' }).click();
    const panel = page.locator('[data-testid="storage-relay"][data-relay="relay-s"]');
    await expect.poll(() => panel.getByTestId('storage-used').textContent()).toBe('18.5 GB / 上限 20.0 GB（93%）');
    expect(await panel.getByTestId('recording-state').textContent()).toBe('正在录像');
    expect(await page.getByTestId('storage-banner').count()).toBe(0);

    await heartbeat(storageReport(true));
    const banner = page.getByTestId('storage-banner');
    await expect.poll(() => banner.textContent()).toContain('视频服务 relay-s 磁盘剩余 1.5 GB，低于下限 2.0 GB，已暂停录像');
    await expect.poll(() => panel.getByTestId('recording-state').textContent()).toMatch(/^录像已暂停/);
    expect(await panel.getByTestId('storage-free').textContent()).toBe('1.5 GB，下限 2.0 GB · 剩余空间回到 3.0 GB 后继续录像');
    await page.screenshot({ path: await artifactPath('storage.png'), fullPage: true });

    await heartbeat(storageReport(false));
    await expect.poll(() => banner.count()).toBe(0);
    expect(await panel.getByTestId('recording-state').textContent()).toBe('正在录像');

    // The duty officer has no storage page: no link, and the address leads home.
    const duty = await pages.open('city.duty', '/storage');
    await duty.waitForURL((url) => url.hash.startsWith('#/bigscreen'));
    expect(await duty.getByRole('link', { name: '录像存储' }).count()).toBe(0);
  });
});
