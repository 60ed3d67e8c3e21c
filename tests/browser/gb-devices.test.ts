// 设备接入 in a real browser, against a real server whose relay has reported two GB/T 28181 recorders (one in
// each of two counties, through the relay-facing API a relay's SIP server reports to): the city administrator
// finds a recorder and its channels in Chinese, binds a channel to a canteen's kitchen area, sees the new
// camera on the channel, is told plainly when someone else bound a channel first, and unbinds; a county
// operator sees only the county's recorder, no button to bind or unbind, and the recorder going offline.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GB_ID_TYPES, makeGbId } from '../../gb28181/gb-id';
import { createServiceToken } from '../../server/auth/commands/createServiceToken';
import { systemActor } from '../../server/policy/actor';
import type { GbDevicesReport, HeartbeatRequest } from '../../stream-relay/protocol';
import { artifactPath, loggedInPages, useBrowserWithTestServer } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-server';

describe('GB/T 28181 devices in the browser', () => {
  const rig = useBrowserWithTestServer({ canteens: 20 });
  const pages = loggedInPages(rig, TEST_PASSWORD);
  let own: { county: { code: string; name: string }; school: { id: string; name: string }; canteen: { id: string; name: string } };
  let foreignCounty: string;
  let recorder: string;
  let cooking: string;
  let storeroom: string;
  /** A channel named by the naming rule: <school name>-<area>. */
  let serving: string;
  let foreignRecorder: string;
  /** When the relay reported: the browsers' clocks start here, so the last keepalive is as long ago as reported. */
  let reportedAt: Date;
  let relay: string;

  beforeAll(async () => {
    const { dataset } = rig.server;
    const canteen = dataset.canteens[0]!;
    const school = dataset.schools.find((one) => one.id === canteen.schoolId)!;
    const county = dataset.jurisdictions.find((node) => node.id === school.countyId)!;
    own = { county: { code: county.code, name: county.name }, school, canteen };
    foreignCounty = dataset.jurisdictions.find((node) => node.level === 'county' && node.code !== county.code)!.code;
    recorder = makeGbId(county.code, GB_ID_TYPES.nvr, 1);
    cooking = makeGbId(county.code, GB_ID_TYPES.camera, 1);
    storeroom = makeGbId(county.code, GB_ID_TYPES.camera, 2);
    serving = makeGbId(county.code, GB_ID_TYPES.camera, 4);
    foreignRecorder = makeGbId(foreignCounty, GB_ID_TYPES.nvr, 2);

    // What a relay running the SIP server reports once the recorders registered and answered their catalogue.
    relay = (await createServiceToken(rig.server.server.ctx, { actor: systemActor('test') }, { name: 'gb-relay', kind: 'relay' })).token;
    const beat = await rig.server.request('POST', '/api/relays/heartbeat', {
      token: relay,
      body: {
        relayId: 'gb-relay',
        url: 'http://127.0.0.1:1',
        cameras: [],
        sip: { host: '127.0.0.1', port: 5060 },
      } satisfies HeartbeatRequest,
    });
    expect(beat.status, beat.text).toBe(200);
    reportedAt = new Date();
    const now = reportedAt.getTime();
    const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString();
    const report = await rig.server.request('POST', '/api/relays/gb/devices', {
      token: relay,
      body: {
        relayId: 'gb-relay',
        devices: [
          {
            deviceId: recorder,
            online: true,
            transport: 'tcp',
            address: '10.20.30.40',
            port: 15060,
            registeredAt: at(3600),
            expiresAt: new Date(now + 3600_000).toISOString(),
            lastKeepaliveAt: at(125),
            info: { name: '后厨录像机', manufacturer: 'Hikvision', model: 'DS-7608N', firmware: 'V4.30' },
            channels: [
              { channelId: cooking, name: '烹饪间灶台', status: 'ON' },
              { channelId: storeroom, name: '库房', status: 'OFF' },
              { channelId: serving, name: `${school.name}-备餐间`, status: 'ON' },
            ],
          },
          {
            deviceId: foreignRecorder,
            online: false,
            transport: 'udp',
            address: '10.99.0.9',
            port: 5060,
            lastKeepaliveAt: at(7200),
            info: { name: '外县录像机', manufacturer: 'Dahua', model: 'NVR4108' },
            channels: [{ channelId: makeGbId(foreignCounty, GB_ID_TYPES.camera, 3), name: '备餐间', status: 'ON' }],
          },
        ],
      } satisfies GbDevicesReport,
    });
    expect(report.status, report.text).toBeLessThan(300);
  });

  const deviceRow = (page: Page, deviceId: string) => page.locator(`[data-testid="gb-device"][data-device-id="${deviceId}"]`);
  const channelRow = (page: Page, channelId: string) => page.locator(`[data-testid="gb-channel"][data-channel-id="${channelId}"]`);

  it('lets the city administrator bind a channel to a canteen and unbind it', async () => {
    const page = await pages.open('city.admin', '/', { clockAt: reportedAt });
    await page.getByRole('link', { name: '设备接入' }).click();
    await expect.poll(() => page.getByTestId('devices-shown').textContent()).toBe('共 2 台设备，显示 2 台');
    const row = deviceRow(page, recorder);
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(1)).toEqual([
      `后厨录像机${recorder}`,
      own.county.name,
      '在线',
      '2分钟前',
      'TCP',
      '10.20.30.40:15060',
      'Hikvision DS-7608N',
      '0/3',
    ]);
    expect(await deviceRow(page, foreignRecorder).getByTestId('gb-device-state').textContent()).toBe('离线');

    // Only the offline one, then a search by a channel's id, then every device again.
    await page.getByLabel('状态').selectOption({ label: '离线' });
    await expect.poll(() => page.getByTestId('devices-shown').textContent()).toBe('共 2 台设备，显示 1 台');
    await page.getByLabel('状态').selectOption({ label: '全部' });
    await page.getByLabel('搜索').fill(storeroom);
    await expect.poll(() => page.getByTestId('devices-shown').textContent()).toBe('共 2 台设备，显示 1 台');
    expect(await deviceRow(page, recorder).count()).toBe(1);
    await page.getByLabel('搜索').fill('');

    await page.getByRole('button', { name: '展开通道：后厨录像机' }).click();
    expect(await channelRow(page, cooking).locator('td').allTextContents()).toEqual([cooking, '烹饪间灶台', '在线', '未绑定', '绑定']);
    expect(await channelRow(page, storeroom).locator('td').nth(2).textContent()).toBe('离线');

    await channelRow(page, cooking).getByRole('button', { name: '绑定' }).click();
    const dialog = page.getByTestId('bind-dialog');
    expect(await dialog.getByRole('heading').textContent()).toBe(`绑定通道 烹饪间灶台（${cooking}）`);
    expect(await dialog.getByLabel('摄像头名称').inputValue()).toBe('烹饪间灶台');
    await dialog.getByLabel('查找学校').fill(own.school.name);
    await dialog.getByRole('combobox', { name: /^学校/ }).selectOption({ label: `${own.school.name}（${own.county.name}）` });
    await dialog.getByLabel('食堂').selectOption({ label: own.canteen.name });
    await dialog.getByLabel('区域').selectOption({ label: '烹饪间' });
    await dialog.getByLabel('摄像头名称').fill('一号灶台');
    await page.screenshot({ path: await artifactPath('gb-devices-bind.png') });
    await dialog.getByRole('button', { name: '绑定' }).click();

    await expect.poll(() => page.getByTestId('devices-outcome').textContent()).toBe('已将通道 烹饪间灶台 绑定为摄像头“一号灶台”');
    expect(await dialog.count()).toBe(0);
    await expect
      .poll(() => channelRow(page, cooking).getByTestId('gb-channel-camera').textContent())
      .toBe(`一号灶台 ${own.school.name} · ${own.canteen.name} · 烹饪间`);
    expect(await row.getByTestId('gb-device-bound').textContent()).toBe('1/3');
    expect(await channelRow(page, cooking).getByRole('button').textContent()).toBe('解绑');

    // Someone else binds the storeroom while the dialog is open: the page says so instead of a bare 409.
    await channelRow(page, storeroom).getByRole('button', { name: '绑定' }).click();
    await dialog.getByRole('combobox', { name: /^学校/ }).selectOption({ label: `${own.school.name}（${own.county.name}）` });
    await dialog.getByLabel('食堂').selectOption({ label: own.canteen.name });
    await dialog.getByLabel('区域').selectOption({ label: '库房' });
    const admin = await rig.server.login('city.admin');
    const first = await rig.server.request('POST', `/api/gb/devices/${recorder}/channels/${storeroom}/bind`, {
      token: admin,
      body: { canteenId: own.canteen.id, area: 'storage' },
    });
    expect(first.status, first.text).toBeLessThan(300);
    await dialog.getByRole('button', { name: '绑定' }).click();
    await expect.poll(() => dialog.getByTestId('bind-error').textContent()).toBe('该通道已绑定到其他摄像头，请刷新后再试');
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => row.getByTestId('gb-device-bound').textContent()).toBe('2/3');

    await channelRow(page, cooking).getByRole('button', { name: '解绑' }).click();
    await expect.poll(() => page.getByTestId('devices-outcome').textContent()).toBe('已解绑通道 烹饪间灶台');
    await expect.poll(() => channelRow(page, cooking).getByTestId('gb-channel-camera').textContent()).toBe('未绑定');
    expect(await row.getByTestId('gb-device-bound').textContent()).toBe('1/3');

    // The naming rule places the channel named after the school and an area, and says what it could not place.
    await page.getByRole('button', { name: '按规则绑定' }).click();
    await expect.poll(() => page.getByTestId('devices-outcome').textContent()).toBe('已按规则绑定 1 个通道，1 个通道的名称无法识别');
    await expect.poll(() => row.getByTestId('gb-device-bound').textContent()).toBe('2/3');
    expect(await channelRow(page, serving).getByTestId('gb-channel-camera').textContent()).toMatch(
      new RegExp(`${own.school.name} · .+ · 备餐间$`),
    );
    await pages.closeAll();
  });

  it('shows a county operator only the county’s devices, read-only, and follows them going offline', async () => {
    const page = await pages.open(`county.${own.county.code}`, '/', { clockAt: reportedAt });
    await page.getByRole('link', { name: '设备接入' }).click();
    await expect.poll(() => page.getByTestId('devices-shown').textContent()).toBe('共 1 台设备，显示 1 台');
    expect(await deviceRow(page, recorder).count()).toBe(1);
    expect(await deviceRow(page, foreignRecorder).count()).toBe(0);
    expect(await page.getByText('仅省局、市局管理员可以绑定或解绑通道。').count()).toBe(1);
    await page.getByRole('button', { name: '展开通道：后厨录像机' }).click();
    expect(await channelRow(page, cooking).locator('td').allTextContents()).toEqual([cooking, '烹饪间灶台', '在线', '未绑定']);
    expect(await page.getByRole('button', { name: /^(绑定|解绑|按规则绑定)$/ }).count()).toBe(0);
    await page.screenshot({ path: await artifactPath('gb-devices-county.png') });

    // The relay reports the recorder gone (three keepalives missed): the open page follows without a reload.
    const offline = await rig.server.request('POST', '/api/relays/gb/devices', {
      token: relay,
      body: {
        relayId: 'gb-relay',
        devices: [{ deviceId: recorder, online: false, transport: 'tcp', address: '10.20.30.40', port: 15060 }],
      } satisfies GbDevicesReport,
    });
    expect(offline.status, offline.text).toBeLessThan(300);
    await expect.poll(() => deviceRow(page, recorder).getByTestId('gb-device-state').textContent()).toBe('离线');
    await pages.closeAll();
  });
});
