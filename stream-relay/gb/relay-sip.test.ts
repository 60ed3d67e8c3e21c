// The relay process with SIP configured: it announces its SIP server, starts it at the first heartbeat
// answer that carries `gb`, and reports its devices (with their catalog) and their alarms to the server,
// holding them while the server is away. /health counts the devices.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { GbPlatformConfig } from '../protocol';
import { startFakeControlServer, type FakeControlServer } from '../testing/fake-control-server';
import { startRelayProcess, type RelayProcess } from '../testing/relay-process';
import { SipTestDevice } from './testing/sip-test-device';

const PLATFORM: GbPlatformConfig = {
  platformId: '13080000002000000001',
  domain: '1308000000',
  adcodes: ['130800', '130802'],
  keepaliveMisses: 3,
};
const DEVICE_ID = '13080200001180000007';
const PASSWORD = 'kitchen-12345';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A port free for both UDP and TCP right now. */
async function freeSipPort(): Promise<number> {
  for (;;) {
    const tcp = createServer();
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const port = (tcp.address() as { port: number }).port;
    const udp = createSocket('udp4');
    const free = await new Promise<boolean>((resolve) => {
      udp.once('error', () => resolve(false));
      udp.bind(port, '127.0.0.1', () => resolve(true));
    });
    await new Promise((resolve) => tcp.close(resolve));
    if (free) await new Promise<void>((resolve) => udp.close(() => resolve()));
    if (free) return port;
  }
}

async function start(): Promise<{ control: FakeControlServer; relay: RelayProcess; sipPort: number }> {
  const control = await startFakeControlServer({ heartbeatSeconds: 1 });
  cleanups.push(() => control.close());
  control.gb = PLATFORM;
  const sipPort = await freeSipPort();
  const relay = await startRelayProcess({
    SERVER_URL: control.url,
    RELAY_TOKEN: control.relayToken,
    RELAY_ID: 'relay-sip',
    RELAY_HOST: '127.0.0.1',
    SIP_PORT: String(sipPort),
    SIP_PASSWORD: PASSWORD,
    MEDIA_PORTS: '32000-32010',
  });
  cleanups.push(() => relay.stop());
  return { control, relay, sipPort };
}

describe('relay with a GB/T 28181 SIP server', () => {
  it('announces it, starts it at the first answer with gb, and reports devices, catalogs and alarms, also after the server was away', async () => {
    const { control, relay, sipPort } = await start();
    await control.waitForHeartbeat((heartbeat) => heartbeat.sip?.port === sipPort && heartbeat.sip.host === '127.0.0.1');
    await expect.poll(async () => (await relay.health()).gb?.running).toBe(true);

    control.unavailable = true;
    const device = await SipTestDevice.start({
      deviceId: DEVICE_ID,
      password: PASSWORD,
      server: { port: sipPort, domain: PLATFORM.domain, platformId: PLATFORM.platformId },
      channels: [
        { channelId: '13080200001320000001', name: '后厨操作间' },
        { channelId: '13080200001320000002', name: '备餐间', status: 'OFF' },
      ],
    });
    cleanups.push(() => device.close());
    expect((await device.register()).final.status).toBe(200);
    await expect.poll(async () => (await relay.health()).gb).toMatchObject({ devicesOnline: 1, devicesTotal: 1, channels: 2 });
    expect((await device.alarm('13080200001320000001', '烟雾报警')).status).toBe(200);
    control.unavailable = false;

    await expect
      .poll(() => control.gbDevices.find((report) => report.deviceId === DEVICE_ID && report.channels)?.channels, { timeout: 30_000 })
      .toEqual([
        { channelId: '13080200001320000001', name: '后厨操作间', status: 'ON', parentId: DEVICE_ID },
        { channelId: '13080200001320000002', name: '备餐间', status: 'OFF', parentId: DEVICE_ID },
      ]);
    const latest = control.gbDevices.filter((report) => report.deviceId === DEVICE_ID).at(-1)!;
    expect(latest).toMatchObject({ online: true, transport: 'udp', address: '127.0.0.1', port: device.sourcePort });
    await expect
      .poll(() => control.gbAlarms.find((alarm) => alarm.deviceId === DEVICE_ID), { timeout: 30_000 })
      .toMatchObject({ channelId: '13080200001320000001', description: '烟雾报警', priority: 1, method: 5 });

    // Unregistering is a change the server hears of.
    await device.register({ expires: 0 });
    await expect.poll(() => control.gbDevices.filter((report) => report.deviceId === DEVICE_ID).at(-1)?.online).toBe(false);
  });

  it('runs no SIP server without SIP_PASSWORD', async () => {
    const control = await startFakeControlServer({ heartbeatSeconds: 1 });
    cleanups.push(() => control.close());
    const relay = await startRelayProcess({ SERVER_URL: control.url, RELAY_TOKEN: control.relayToken, RELAY_ID: 'relay-plain' });
    cleanups.push(() => relay.stop());
    const heartbeat = await control.waitForHeartbeat(() => true);
    expect(heartbeat.sip).toBeUndefined();
    expect((await relay.health()).gb).toBeNull();
  });
});
