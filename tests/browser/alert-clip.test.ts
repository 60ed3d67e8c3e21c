// An alert's video at the desk in a real browser: the detail plays the evidence clip cut from the camera's
// recording, links to the camera live on the wall, and its recording link opens the wall's playback at the
// alert's time. Real video: a simulated RTSP camera recorded by a relay process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClipJob } from '../../server/alerts/clips/clip-job';
import { createServiceToken } from '../../server/auth/commands/createServiceToken';
import { RelayDirectory } from '../../server/cameras/video/relay-directory';
import { systemActor } from '../../server/policy/actor';
import { loginThroughForm, newWatchedContext, useBrowserWithTestServer, WALL_SCREEN } from '../support/browser';
import { putSetting } from '../support/settings';
import { waitUntil } from '../support/sockets';
import { TEST_PASSWORD } from '../support/test-server';
import { startVideoRig, type VideoRig } from '../support/video-rig';

const COUNTY = '130822';

describe('the evidence clip at the desk', () => {
  const rig = useBrowserWithTestServer();
  let video: VideoRig;
  let cameraId = '';

  beforeAll(async () => {
    const t = rig.server;
    const school = t.dataset.schools.find((s) => s.countyCode === COUNTY && t.dataset.cameras.some((c) => c.schoolId === s.id))!;
    cameraId = t.dataset.cameras.find((c) => c.schoolId === school.id)!.id;
    const admin = await t.login('city.admin');
    await putSetting(t, admin, 'alerts.clipSecondsBefore', 2);
    await putSetting(t, admin, 'alerts.clipSecondsAfter', 3);
    video = await startVideoRig(t, [{ id: cameraId, clip: 'pattern' }], { analytics: false });
    // Long enough that an alert 15 s ago has its window recorded.
    await waitUntil(
      async () => {
        const from = new Date(Date.now() - 60_000).toISOString();
        const answer = await t.request<{ segments: Array<{ start: string }> }>(
          'GET',
          `/api/cameras/${cameraId}/recordings?from=${from}&to=${new Date().toISOString()}`,
          { token: admin },
        );
        const first = answer.body.segments?.[0];
        return first !== undefined && Date.now() - Date.parse(first.start) >= 20_000;
      },
      60_000,
      'twenty seconds recorded',
    );
  }, 120_000);
  afterAll(async () => {
    await video?.stop();
  });

  it('plays the clip, links to the live camera, and opens the recording at the alert’s time', { timeout: 120_000 }, async () => {
    const t = rig.server;
    const analytics = (await createServiceToken(t.server.ctx, { actor: systemActor('test') }, { name: 'clip-ai', kind: 'analytics' }))
      .token;
    const raised = await t.request<{ alert: { id: string } }>('POST', '/api/alerts', {
      token: analytics,
      body: {
        source: 'ai',
        category: 'smoking',
        cameraId,
        confidence: 0.9,
        detectedAt: new Date(Date.now() - 15_000).toISOString(),
        idempotencyKey: crypto.randomUUID(),
      },
    });
    expect(raised.status, raised.text).toBeLessThan(300);
    const alertId = raised.body.alert.id;
    const directory = new RelayDirectory(t.db, () => t.server.ctx.now(), t.server.ctx.config.relayHeartbeatSeconds);
    while ((await runClipJob(t.server.ctx, directory)).enrolled > 0);

    const watched = await newWatchedContext(rig.browser, t.url, WALL_SCREEN);
    const page = await watched.newPage();
    await loginThroughForm(page, t.url, 'city.duty', TEST_PASSWORD, `/desk?tab=alerts&alert=${alertId}`);
    const detail = page.getByTestId('alert-detail');
    const clip = detail.getByTestId('alert-clip');
    await clip.waitFor();
    // The browser reads the MP4: its length is the window's (2 s before, 3 s after, from a keyframe).
    await expect.poll(() => clip.evaluate((element: HTMLVideoElement) => element.duration), { timeout: 15_000 }).toBeGreaterThan(4.5);
    expect(await clip.evaluate((element: HTMLVideoElement) => element.duration)).toBeLessThan(6.5);
    await clip.evaluate((element: HTMLVideoElement) => element.play());
    await expect.poll(() => clip.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 15_000 }).toBeGreaterThan(0.5);

    expect(await detail.getByTestId('alert-live-link').textContent()).toBe('查看实时画面');
    expect(await detail.getByTestId('alert-live-link').getAttribute('href')).toBe(`#/wall?cameras=${cameraId}`);
    const firstSeen = (await detail.locator('dt', { hasText: '首次发现' }).locator('+ dd').textContent())!;

    await detail.getByTestId('alert-recording-link').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.locator('.playback-caption').textContent(), { timeout: 20_000 }).toContain(`播放 ${firstSeen} 起的录像`);
    // It plays, from the alert's moment.
    const played = page.getByTestId('playback-video');
    await expect.poll(() => played.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 20_000 }).toBeGreaterThan(0);
    // The live link's camera is on the wall behind it, and the link's parameters are gone from the address.
    expect(page.url()).not.toContain('playback=');
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
    await watched.context.close();
  });
});
