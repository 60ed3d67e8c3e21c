// The relay's SIP server against devices on the real SIP stack over real sockets: digest registration, the
// jurisdiction tree, throttled wrong passwords, NAT, keepalive loss, split GB2312 catalogs, streams, and
// garbage that must not stop it.
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDigest } from '../../gb28181/sip/digest';
import { header } from '../../gb28181/sip/message';
import { SimulatedNvr } from '../../fixtures/gb28181/simulated-nvr';
import { createLogger } from '../../server/logger';
import { GbSipServer, type GbDeviceState, type GbSipServerOptions } from './sip-server';
import { CLAIMED_PORT, SipTestDevice, type TestDeviceOptions } from './testing/sip-test-device';

const PLATFORM_ID = '13080000002000000001';
const DOMAIN = '1308000000';
const PASSWORD = 'kitchen-12345';
/** Chengde (130800) and its Shuangqiao district (130802). */
const TREE = ['130800', '130802'];
const DEVICE_ID = '13080200001180000001';

const log = createLogger('silent', 'sip-server-test');
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(overrides: Partial<GbSipServerOptions> = {}): Promise<GbSipServer> {
  const server = await GbSipServer.start({
    bindHost: '127.0.0.1',
    port: 0,
    sipHost: '127.0.0.1',
    platformId: PLATFORM_ID,
    domain: DOMAIN,
    password: PASSWORD,
    adcodes: TREE,
    keepaliveMisses: 3,
    mediaPorts: { from: 31000, to: 31010 },
    log,
    sweepMs: 50,
    queryTimeoutMs: 3_000,
    ...overrides,
  });
  cleanups.push(() => server.stop());
  return server;
}

async function startDevice(server: GbSipServer, overrides: Partial<TestDeviceOptions> = {}): Promise<SipTestDevice> {
  const device = await SipTestDevice.start({
    deviceId: DEVICE_ID,
    password: PASSWORD,
    server: { port: server.port, domain: DOMAIN, platformId: PLATFORM_ID },
    ...overrides,
  });
  cleanups.push(() => device.close());
  return device;
}

/** Resolves with the first `device` event that satisfies `test`. */
function deviceEvent(server: GbSipServer, test: (device: GbDeviceState) => boolean): Promise<GbDeviceState> {
  return new Promise((resolve) => {
    const listener = (device: GbDeviceState) => {
      if (!test(device)) return;
      server.off('device', listener);
      resolve(device);
    };
    server.on('device', listener);
  });
}

const channels = (count: number): { channelId: string; name: string; status?: 'ON' | 'OFF' }[] =>
  Array.from({ length: count }, (_, index) => ({
    channelId: `130802000013200000${String(index + 1).padStart(2, '0')}`,
    name: `后厨${index + 1}号机位`,
  }));

describe('GB/T 28181 SIP server: registration', () => {
  it('challenges a REGISTER with digest in its domain and takes the right answer, with the time and the expiry granted', async () => {
    const server = await startServer();
    const device = await startDevice(server);
    const online = deviceEvent(server, (d) => d.online);
    const { challenge, final } = await device.register({ expires: 600 });
    expect(challenge?.status).toBe(401);
    const params = parseDigest(header(challenge!, 'www-authenticate')!);
    expect(params?.realm).toBe(DOMAIN);
    expect(params?.nonce).toBeTruthy();
    expect(final.status).toBe(200);
    expect(header(final, 'expires')).toBe('600');
    expect(header(final, 'date')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    const state = await online;
    expect(state.deviceId).toBe(DEVICE_ID);
    expect(server.counts()).toMatchObject({ online: 1, total: 1 });
  });

  it('refuses a wrong password, throttles a flood of them from one address, and still takes the real device from its own', async () => {
    const server = await startServer({ throttle: { maxFailures: 3, windowMs: 60_000 } });
    // The attacker's packets come from another address than the device's.
    const attacker = await startDevice(server, { bindHost: '127.0.0.2', password: 'guess' });
    for (let attempt = 0; attempt < 3; attempt++) {
      const { final } = await attacker.register();
      expect(final.status).toBe(403);
    }
    // Throttled: now refused without even a challenge, the right password included.
    const throttled = await attacker.register({ password: PASSWORD });
    expect(throttled.challenge).toBeNull();
    expect(throttled.final.status).toBe(403);
    expect(server.device(DEVICE_ID)).toBeUndefined();

    const device = await startDevice(server);
    const { final } = await device.register();
    expect(final.status).toBe(200);
    expect(server.device(DEVICE_ID)?.online).toBe(true);
  });

  it('refuses a device whose administrative code lies outside the platform tree', async () => {
    const server = await startServer();
    // 130100: Shijiazhuang, not under Chengde.
    const foreign = await startDevice(server, { deviceId: '13010200001180000001' });
    const { challenge, final } = await foreign.register();
    expect(challenge).toBeNull();
    expect(final.status).toBe(403);
    expect(server.counts().total).toBe(0);
  });

  it('answers a device behind NAT at the port its packets came from, not the one in its Contact, and sends its queries there', async () => {
    const server = await startServer();
    const device = await startDevice(server, { channels: channels(2) });
    const catalog = new Promise<GbDeviceState>((resolve) => server.once('catalog', resolve));
    const { final } = await device.register();
    expect(final.status).toBe(200);
    const state = server.device(DEVICE_ID)!;
    expect(state.peer.port).toBe(device.sourcePort);
    expect(state.peer.port).not.toBe(CLAIMED_PORT);
    // The catalog query reached the device's real port (it listens nowhere else) and its answer came back.
    expect((await catalog).channels.size).toBe(2);
    expect(device.received.some((request) => request.method === 'MESSAGE')).toBe(true);
  });

  it('unregisters on Expires: 0', async () => {
    const server = await startServer();
    const device = await startDevice(server);
    await device.register();
    const offline = deviceEvent(server, (d) => !d.online);
    const { final } = await device.register({ expires: 0 });
    expect(final.status).toBe(200);
    expect((await offline).online).toBe(false);
    expect(server.counts()).toMatchObject({ online: 0, total: 1 });
  });

  it('marks a device offline when its registration expires without renewal, and online again when it registers', async () => {
    const server = await startServer();
    const device = await startDevice(server);
    // 30 s is the shortest expiry granted; the expiry check is the same clock as any other, so move it.
    await device.register({ expires: 30 });
    const state = server.device(DEVICE_ID)!;
    state.expiresAt = new Date(Date.now() - 1);
    const offline = await deviceEvent(server, (d) => !d.online);
    expect(offline.deviceId).toBe(DEVICE_ID);
    await device.register();
    expect(server.device(DEVICE_ID)?.online).toBe(true);
  });
});

describe('GB/T 28181 SIP server with the simulated NVR', () => {
  for (const transport of ['udp', 'tcp'] as const) {
    it(`takes a simulated NVR behind NAT over ${transport}: its catalog in GB2312 pages, and nothing sent to its Contact port`, async () => {
      const server = await startServer();
      const list = channels(5);
      const catalog = new Promise<GbDeviceState>((resolve) => server.once('catalog', resolve));
      const nvr = await SimulatedNvr.start({
        deviceId: DEVICE_ID,
        password: PASSWORD,
        server: { host: '127.0.0.1', port: server.port, id: PLATFORM_ID, domain: DOMAIN },
        transport,
        channels: list.map((channel) => ({ ...channel, clip: 'unused', codec: 'h264' as const })),
        encoding: 'GB2312',
        catalogPageSize: 2,
        natPort: true,
      });
      cleanups.push(() => nvr.stop());
      await nvr.registered;
      const state = await catalog;
      expect([...state.channels.values()].map((channel) => channel.name)).toEqual(list.map((channel) => channel.name));
      expect(state.transport).toBe(transport);
      expect(nvr.contactHits).toBe(0);
    });
  }
});

describe('GB/T 28181 SIP server: keepalives and catalog', () => {
  it('learns the keepalive interval and marks a device offline after three missed keepalives, not before', async () => {
    const server = await startServer();
    const device = await startDevice(server);
    await device.register();
    const intervalMs = 250;
    const early = deviceEvent(server, (d) => !d.online).then(() => 'offline too early');
    device.startKeepalives(intervalMs);
    // Eight intervals of keepalives: the device must stay online all along.
    const steady = await Promise.race([early, new Promise((resolve) => setTimeout(() => resolve('steady'), intervalMs * 8))]);
    expect(steady).toBe('steady');
    const learnt = server.device(DEVICE_ID)!.keepaliveMs;
    expect(learnt).toBeLessThan(1_000);
    device.stopKeepalives();
    const stoppedAt = Date.now();
    const offline = await deviceEvent(server, (d) => !d.online);
    expect(offline.online).toBe(false);
    // Not on the first missed keepalive, and long before the 3600 s registration ran out.
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(learnt * 2);
    expect(server.device(DEVICE_ID)!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
    // A keepalive while the registration holds brings it back.
    const online = deviceEvent(server, (d) => d.online);
    expect((await device.keepalive()).status).toBe(200);
    await online;
  });

  it('gathers a GB2312 catalog sent over several MESSAGEs and reports each channel', async () => {
    const server = await startServer();
    const list = channels(8);
    list[7]!.status = 'OFF';
    const device = await startDevice(server, { channels: list, catalogPageSize: 3, encoding: 'GB2312' });
    const seen = new Map<string, boolean>();
    server.on('channel', (deviceId, channel) => {
      if (deviceId === DEVICE_ID) seen.set(channel.channelId, channel.online);
    });
    const catalog = new Promise<GbDeviceState>((resolve) => server.once('catalog', resolve));
    await device.register();
    const state = await catalog;
    expect([...state.channels.values()].map((channel) => channel.name)).toEqual(list.map((channel) => channel.name));
    expect(state.catalog).toHaveLength(8);
    expect(server.channelOnline(DEVICE_ID, list[0]!.channelId)).toBe(true);
    expect(server.channelOnline(DEVICE_ID, list[7]!.channelId)).toBe(false);
    expect(seen.size).toBe(8);
    expect(seen.get(list[7]!.channelId)).toBe(false);
    // DeviceInfo too, in Chinese.
    await expect.poll(() => server.device(DEVICE_ID)?.info?.name).toBe('后厨录像机');
  });

  it('passes on a device alarm with its channel', async () => {
    const server = await startServer();
    const device = await startDevice(server);
    await device.register();
    const alarm = new Promise((resolve) => server.once('alarm', resolve));
    const channelId = channels(1)[0]!.channelId;
    expect((await device.alarm(channelId, '后厨有烟')).status).toBe(200);
    expect(await alarm).toMatchObject({ deviceId: DEVICE_ID, channelId, description: '后厨有烟', priority: 1, method: 5 });
  });

  it('refuses MANSCDP from a device that is not registered', async () => {
    const server = await startServer();
    const device = await startDevice(server);
    expect((await device.keepalive()).status).toBe(403);
  });
});

describe('GB/T 28181 SIP server: streams', () => {
  it('INVITEs a channel with the GB SDP, ACKs, and ends the dialog by BYE either way', async () => {
    const server = await startServer();
    const list = channels(1);
    const device = await startDevice(server, { channels: list });
    await device.register();
    const channelId = list[0]!.channelId;
    const dialog = await server.invite({
      deviceId: DEVICE_ID,
      channelId,
      mode: 'play',
      transport: 'tcp-passive',
      mediaHost: '127.0.0.1',
      mediaPort: 31002,
      ssrc: '0080000001',
      streamNumber: 1,
    });
    expect(dialog.answer.direction).toBe('sendonly');
    const invite = device.received.find((request) => request.method === 'INVITE')!;
    const offer = invite.body.toString('utf8');
    expect(offer).toContain('m=video 31002 TCP/RTP/AVP 96');
    expect(offer).toContain('a=setup:passive');
    expect(offer).toContain('y=0080000001');
    expect(offer).toContain('a=streamnumber:1');
    expect(header(invite, 'subject')).toBe(`${channelId}:0080000001,${PLATFORM_ID}:0`);
    await expect.poll(() => device.received.some((request) => request.method === 'ACK')).toBe(true);

    // The device hangs up.
    expect((await device.hangUp()).status).toBe(200);
    expect(await dialog.ended).toBe('bye');

    // We hang up a second one.
    const second = await server.invite({
      deviceId: DEVICE_ID,
      channelId,
      mode: 'playback',
      start: new Date('2026-12-07T00:00:00Z'),
      end: new Date('2026-12-07T00:10:00Z'),
      transport: 'udp',
      mediaHost: '127.0.0.1',
      mediaPort: 31004,
      ssrc: '1080000002',
    });
    await second.bye();
    expect(device.byes).toHaveLength(1);
  });

  it('refuses to INVITE a device that is not online, with a clear error', async () => {
    const server = await startServer();
    await expect(
      server.invite({
        deviceId: DEVICE_ID,
        channelId: channels(1)[0]!.channelId,
        mode: 'play',
        transport: 'udp',
        mediaHost: '127.0.0.1',
        mediaPort: 31002,
        ssrc: '0080000001',
      }),
    ).rejects.toThrow(/never registered/);
  });
});

describe('GB/T 28181 SIP server: bad input', () => {
  it('survives random datagrams and TCP garbage, then registers a device as usual', async () => {
    const server = await startServer();
    const udp = createSocket('udp4');
    cleanups.push(() => new Promise((resolve) => udp.close(() => resolve())));
    const sipish = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 1500 }),
      fc
        .tuple(
          fc.constantFrom('REGISTER', 'MESSAGE', 'INVITE', 'BYE', 'SIP/2.0'),
          fc.string({ maxLength: 200 }),
          fc.array(
            fc.tuple(
              fc.constantFrom('Via', 'From', 'To', 'Call-ID', 'CSeq', 'Content-Length', 'v', 'f', 't', 'i', 'Authorization'),
              fc.string({ maxLength: 80 }),
            ),
            { maxLength: 12 },
          ),
          fc.string({ maxLength: 300 }),
        )
        .map(([start, rest, list, body]) =>
          Buffer.from(`${start} ${rest}\r\n${list.map(([n, v]) => `${n}: ${v}`).join('\r\n')}\r\n\r\n${body}`),
        ),
    );
    fc.assert(
      fc.property(sipish, (bytes) => {
        udp.send(bytes, server.port, '127.0.0.1');
      }),
      { numRuns: 400 },
    );
    for (const sample of fc.sample(fc.uint8Array({ minLength: 1, maxLength: 4000 }), 20)) {
      const socket = connect(server.port, '127.0.0.1');
      socket.on('error', () => undefined);
      await once(socket, 'connect');
      socket.end(Buffer.from(sample));
      await once(socket, 'close');
    }
    const device = await startDevice(server);
    expect((await device.register()).final.status).toBe(200);
    const tcpDevice = await startDevice(server, { transport: 'tcp', deviceId: '13080200001180000002' });
    expect((await tcpDevice.register()).final.status).toBe(200);
    expect(server.device('13080200001180000002')?.transport).toBe('tcp');
  });
});
