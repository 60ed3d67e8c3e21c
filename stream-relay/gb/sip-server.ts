// The relay's GB/T 28181 SIP server: the registrar devices register with (digest, the jurisdiction tree,
// throttled wrong passwords), the keepalive monitor that marks them offline, the MANSCDP conversation
// (DeviceInfo, Catalog gathered over several MESSAGEs, DeviceStatus, RecordInfo, Alarm) and the INVITE
// client that opens streams. Devices sit behind NAT: every request goes to the address and port their
// packets came from, never to their Contact. Nothing a device sends can stop it: a bad message is answered
// (or dropped) and logged.
import { EventEmitter } from 'node:events';
import { isGbId, gbIdAdcode } from '../../gb28181/gb-id';
import {
  decodeManscdp,
  encodeManscdp,
  MANSCDP_CONTENT_TYPE,
  ManscdpError,
  ResponseGatherer,
  type CatalogItem,
  type Manscdp,
  type RecordItem,
} from '../../gb28181/manscdp';
import { buildGbSdp, parseGbSdp, type GbSdp } from '../../gb28181/sdp';
import { SipDialog } from '../../gb28181/sip/dialog';
import { digestChallenge, digestHa1, parseDigest, verifyDigest } from '../../gb28181/sip/digest';
import { SipEndpoint } from '../../gb28181/sip/endpoint';
import { parseNameAddr } from '../../gb28181/sip/header-values';
import { header, type SipRequest } from '../../gb28181/sip/message';
import { SipTransport, type SipPeer } from '../../gb28181/sip/transport';
import { MediaPortPool } from '../../gb28181/media';
import type { Logger } from '../logger';
import { shanghaiLocalTime } from '../shanghai-time';
import { DeviceDialog, type GbDialog } from './gb-dialog';
import { RegisterThrottle } from './register-throttle';

export type { GbDialog } from './gb-dialog';

const USER_AGENT = 'canteen-command relay';
const DEFAULT_EXPIRES_S = 3600;
const MIN_EXPIRES_S = 30;
const MAX_EXPIRES_S = 86_400;
/** The keepalive interval assumed until a device has shown its own. */
const DEFAULT_KEEPALIVE_MS = 60_000;
/** Observed intervals below this are taken as this (a chatty device must not go offline on one late packet). */
const MIN_KEEPALIVE_MS = 200;
const OBSERVED_GAPS = 4;

export interface GbChannelState {
  channelId: string;
  name: string;
  online: boolean;
}

export interface GbDeviceInfo {
  name?: string;
  manufacturer?: string;
  model?: string;
  firmware?: string;
}

export interface GbDeviceState {
  deviceId: string;
  online: boolean;
  transport: 'udp' | 'tcp';
  /** Where its packets come from (after NAT); every request to it goes here. */
  peer: SipPeer;
  registeredAt: Date;
  expiresAt: Date;
  lastKeepaliveAt: Date | null;
  /** The keepalive interval learnt from the device (the default until it has shown one). */
  keepaliveMs: number;
  channels: Map<string, GbChannelState>;
  /** The whole catalog as last gathered (the server keeps more than the channel state). */
  catalog: CatalogItem[];
  info?: GbDeviceInfo;
}

export interface GbAlarm {
  deviceId: string;
  /** The alarm's source when it is a channel of the device. */
  channelId?: string;
  sn: number;
  priority: number;
  method: number;
  type?: number;
  description?: string;
  /** ISO instant. */
  alarmTime: string;
}

export interface GbSipServerOptions {
  /** Where to listen (both UDP and TCP, one port; 0 = any). */
  bindHost: string;
  port: number;
  /** SIP_HOST: the address devices reach us at, put in Via, Contact and SDP. */
  sipHost: string;
  platformId: string;
  domain: string;
  /** SIP_PASSWORD. Only the HA1 of each device is kept once computed; see `ha1For`. */
  password: string;
  /** The 6-digit administrative codes of the platform's tree; a device outside it is refused. */
  adcodes: readonly string[];
  keepaliveMisses: number;
  mediaPorts: { from: number; to: number };
  log: Logger;
  throttle?: { maxFailures: number; windowMs: number };
  /** How often the device table is swept for missed keepalives and expired registrations. */
  sweepMs?: number;
  /** How often each device's catalog is asked again. */
  catalogRefreshMs?: number;
  queryTimeoutMs?: number;
  inviteTimeoutMs?: number;
}

export interface InviteOptions {
  deviceId: string;
  channelId: string;
  mode: 'play' | 'playback';
  start?: Date;
  end?: Date;
  transport: 'tcp-passive' | 'udp';
  mediaHost: string;
  mediaPort: number;
  ssrc: string;
  streamNumber?: 0 | 1;
}

interface DeviceRecord extends GbDeviceState {
  /** Gaps between the latest keepalives, for learning the interval. */
  gaps: number[];
  lastSeenAt: number;
  lastCatalogAt: number;
  catalogInFlight: boolean;
}

type GbSipServerEvents = {
  device: [GbDeviceState];
  channel: [deviceId: string, GbChannelState];
  /** A whole catalog arrived (for the reports to the server). */
  catalog: [GbDeviceState];
  keepalive: [GbDeviceState];
  alarm: [GbAlarm];
};

export class GbSipServer extends EventEmitter<GbSipServerEvents> {
  readonly mediaPorts: MediaPortPool;
  private readonly devices = new Map<string, DeviceRecord>();
  private readonly dialogs = new Map<string, DeviceDialog>();
  /** Answers to our queries, by (device, SN): Catalog and RecordInfo over several MESSAGEs, the others in one. */
  private readonly answers: ResponseGatherer<unknown>;
  private readonly throttle: RegisterThrottle;
  private readonly ha1For: (deviceId: string) => string;
  private adcodes: Set<string>;
  private keepaliveMisses: number;
  private sweeper: NodeJS.Timeout | null = null;
  private inviteSequence = 0;
  private sn = Math.floor(Math.random() * 100_000);

  private constructor(
    private readonly transport: SipTransport,
    private readonly endpoint: SipEndpoint,
    private readonly options: GbSipServerOptions,
  ) {
    super();
    this.mediaPorts = new MediaPortPool(options.mediaPorts);
    this.answers = new ResponseGatherer({ timeoutMs: options.queryTimeoutMs ?? 10_000 });
    this.throttle = new RegisterThrottle(options.throttle ?? { maxFailures: 5, windowMs: 60_000 });
    this.adcodes = new Set(options.adcodes);
    this.keepaliveMisses = options.keepaliveMisses;
    this.ha1For = ha1Cache(options.domain, options.password);
  }

  static async start(options: GbSipServerOptions): Promise<GbSipServer> {
    const transport = await SipTransport.listen({ host: options.bindHost, port: options.port, udp: true, tcp: true });
    const endpoint = new SipEndpoint(transport, { host: options.sipHost, userAgent: USER_AGENT });
    const server = new GbSipServer(transport, endpoint, options);
    // Malformed datagrams and broken connections are reported here, and survive as a debug line each.
    transport.on('error', (error) => options.log.debug({ err: error.message }, 'SIP transport error'));
    endpoint.on('error', (error) => options.log.debug({ err: error.message }, 'SIP message not handled'));
    endpoint.on('request', (request, peer) => server.handle(request, peer));
    server.sweeper = setInterval(() => server.sweep(), options.sweepMs ?? 1_000);
    server.sweeper.unref();
    options.log.info({ port: transport.port, platformId: options.platformId, domain: options.domain }, 'GB/T 28181 SIP server listening');
    return server;
  }

  get port(): number {
    return this.transport.port;
  }

  get sipHost(): string {
    return this.options.sipHost;
  }

  get platformId(): string {
    return this.options.platformId;
  }

  get domain(): string {
    return this.options.domain;
  }

  /** A newer heartbeat answer: the tree and the keepalive setting may have changed. */
  updateTree(adcodes: readonly string[], keepaliveMisses: number): void {
    this.adcodes = new Set(adcodes);
    this.keepaliveMisses = keepaliveMisses;
  }

  device(deviceId: string): GbDeviceState | undefined {
    return this.devices.get(deviceId);
  }

  allDevices(): GbDeviceState[] {
    return [...this.devices.values()];
  }

  counts(): { online: number; total: number; channels: number } {
    let online = 0;
    let channels = 0;
    for (const device of this.devices.values()) {
      if (device.online) online += 1;
      channels += device.channels.size;
    }
    return { online, total: this.devices.size, channels };
  }

  channelOnline(deviceId: string, channelId: string): boolean {
    const device = this.devices.get(deviceId);
    return Boolean(device?.online && device.channels.get(channelId)?.online !== false);
  }

  async stop(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.answers.cancelAll();
    await Promise.all([...this.dialogs.values()].map((dialog) => dialog.bye()));
    this.endpoint.close();
    await this.transport.close();
  }

  // ---- requests from devices ----

  private handle(request: SipRequest, peer: SipPeer): void {
    try {
      switch (request.method) {
        case 'REGISTER':
          return this.register(request, peer);
        case 'MESSAGE':
          return this.message(request, peer);
        case 'BYE':
          return this.bye(request, peer);
        case 'ACK':
          return;
        case 'OPTIONS':
          return this.endpoint.reply(request, peer, 200, 'OK');
        default:
          return this.endpoint.reply(request, peer, 405, 'Method Not Allowed', {
            headers: [['allow', 'REGISTER, MESSAGE, BYE, ACK, OPTIONS']],
          });
      }
    } catch (error) {
      this.options.log.warn({ err: (error as Error).message, method: request.method, from: peerText(peer) }, 'SIP request not handled');
      try {
        this.endpoint.reply(request, peer, 400, 'Bad Request');
      } catch {
        // Not even answerable (no Via, no Call-ID): dropped.
      }
    }
  }

  private register(request: SipRequest, peer: SipPeer): void {
    const deviceId = userOf(header(request, 'to')) ?? userOf(header(request, 'from'));
    if (!deviceId || !isGbId(deviceId)) return this.endpoint.reply(request, peer, 400, 'Bad Request: not a 20-digit device id');
    if (!this.adcodes.has(gbIdAdcode(deviceId))) {
      this.options.log.warn({ deviceId, from: peerText(peer) }, 'REGISTER from a device outside the platform tree refused');
      return this.endpoint.reply(request, peer, 403, 'Forbidden: outside this platform');
    }
    if (this.throttle.blocked(deviceId, peer.address))
      return this.endpoint.reply(request, peer, 403, 'Forbidden: too many wrong passwords');

    const authorization = header(request, 'authorization');
    if (!authorization) return this.challenge(request, peer);
    const digest = parseDigest(authorization);
    if (!digest || digest['username'] !== deviceId) return this.challenge(request, peer);
    const verdict = verifyDigest(authorization, { method: 'REGISTER', ha1: this.ha1For(deviceId), realm: this.options.domain });
    if (verdict === 'stale') return this.challenge(request, peer);
    if (verdict === 'wrong') {
      this.throttle.failed(deviceId, peer.address);
      this.options.log.warn({ deviceId, from: peerText(peer) }, 'REGISTER with a wrong password');
      return this.endpoint.reply(request, peer, 403, 'Forbidden: wrong password');
    }
    this.throttle.succeeded(deviceId, peer.address);

    const expires = requestedExpires(request);
    if (expires === 0) {
      this.endpoint.reply(request, peer, 200, 'OK', {
        headers: [
          ['expires', '0'],
          ['date', shanghaiLocalTime(Date.now())],
        ],
      });
      return this.unregister(deviceId, 'unregistered');
    }
    const granted = Math.min(MAX_EXPIRES_S, Math.max(MIN_EXPIRES_S, expires ?? DEFAULT_EXPIRES_S));
    this.endpoint.reply(request, peer, 200, 'OK', {
      headers: [
        ['date', shanghaiLocalTime(Date.now())],
        ['expires', String(granted)],
      ],
    });
    this.registered(deviceId, peer, granted);
  }

  private challenge(request: SipRequest, peer: SipPeer): void {
    this.endpoint.reply(request, peer, 401, 'Unauthorized', { headers: [['www-authenticate', digestChallenge(this.options.domain)]] });
  }

  private registered(deviceId: string, peer: SipPeer, expiresS: number): void {
    const now = Date.now();
    const existing = this.devices.get(deviceId);
    const wasOnline = existing?.online ?? false;
    const device: DeviceRecord = existing ?? {
      deviceId,
      online: false,
      transport: peer.transport,
      peer,
      registeredAt: new Date(now),
      expiresAt: new Date(now),
      lastKeepaliveAt: null,
      keepaliveMs: DEFAULT_KEEPALIVE_MS,
      channels: new Map(),
      catalog: [],
      gaps: [],
      lastSeenAt: now,
      lastCatalogAt: 0,
      catalogInFlight: false,
    };
    device.peer = peer;
    device.transport = peer.transport;
    device.expiresAt = new Date(now + expiresS * 1000);
    device.lastSeenAt = now;
    if (!wasOnline) {
      device.registeredAt = new Date(now);
      device.online = true;
    }
    this.devices.set(deviceId, device);
    if (wasOnline) return;
    this.options.log.info({ deviceId, from: peerText(peer), expires: expiresS }, 'GB device registered');
    this.emit('device', device);
    for (const channel of device.channels.values()) this.emit('channel', deviceId, channel);
    void this.queryDeviceInfo(device);
    void this.refreshCatalog(device);
  }

  private unregister(deviceId: string, reason: string): void {
    const device = this.devices.get(deviceId);
    if (!device) return;
    this.setOffline(device, reason);
  }

  private setOffline(device: DeviceRecord, reason: string): void {
    if (!device.online) return;
    device.online = false;
    this.options.log.info({ deviceId: device.deviceId, reason }, 'GB device offline');
    for (const dialog of [...this.dialogs.values()]) if (dialog.deviceId === device.deviceId) dialog.endedByDevice('timeout');
    this.emit('device', device);
    for (const channel of device.channels.values()) this.emit('channel', device.deviceId, channel);
  }

  private message(request: SipRequest, peer: SipPeer): void {
    const deviceId = userOf(header(request, 'from'));
    const device = deviceId ? this.devices.get(deviceId) : undefined;
    // A device we do not know (or whose registration ended) is told so; it registers again.
    if (!device || device.expiresAt.getTime() < Date.now()) return this.endpoint.reply(request, peer, 403, 'Forbidden: not registered');
    let body: Manscdp;
    try {
      body = decodeManscdp(request.body, header(request, 'content-type'));
    } catch (error) {
      // Well-formed MANSCDP of a kind we do not use (a device's own notifications) is taken and ignored.
      if (error instanceof ManscdpError && error.reason === 'unsupported') return this.endpoint.reply(request, peer, 200, 'OK');
      this.options.log.warn({ deviceId, err: (error as Error).message }, 'MANSCDP body not understood');
      return this.endpoint.reply(request, peer, 400, 'Bad Request');
    }
    this.endpoint.reply(request, peer, 200, 'OK');
    device.peer = peer;
    device.lastSeenAt = Date.now();
    if (!device.online) this.registered(device.deviceId, peer, Math.round((device.expiresAt.getTime() - Date.now()) / 1000));
    this.manscdp(device, body);
  }

  private manscdp(device: DeviceRecord, body: Manscdp): void {
    if (body.root === 'Notify' && body.cmdType === 'Keepalive') return this.keepalive(device);
    if (body.root === 'Notify' && body.cmdType === 'Alarm') {
      this.emit('alarm', {
        deviceId: device.deviceId,
        ...(body.deviceId !== device.deviceId ? { channelId: body.deviceId } : {}),
        sn: body.sn,
        priority: body.alarmPriority,
        method: body.alarmMethod,
        ...(body.alarmType !== undefined ? { type: body.alarmType } : {}),
        ...(body.alarmDescription !== undefined ? { description: body.alarmDescription } : {}),
        alarmTime: body.alarmTime,
      });
      return;
    }
    if (body.root !== 'Response') return;
    switch (body.cmdType) {
      case 'Catalog':
      case 'RecordInfo':
        this.answers.offer(device.deviceId, body.sn, body.sumNum, body.items);
        return;
      case 'DeviceInfo':
      case 'DeviceStatus':
        this.answers.offer(device.deviceId, body.sn, 1, [body]);
        return;
    }
  }

  private keepalive(device: DeviceRecord): void {
    const now = Date.now();
    if (device.lastKeepaliveAt) {
      device.gaps.push(now - device.lastKeepaliveAt.getTime());
      if (device.gaps.length > OBSERVED_GAPS) device.gaps.shift();
      // The shortest recent gap: a lost keepalive doubles one gap, it must not double the interval.
      device.keepaliveMs = Math.max(MIN_KEEPALIVE_MS, Math.min(...device.gaps));
    }
    device.lastKeepaliveAt = new Date(now);
    this.emit('keepalive', device);
  }

  private bye(request: SipRequest, peer: SipPeer): void {
    const dialog = this.dialogs.get(header(request, 'call-id') ?? '');
    if (!dialog) return this.endpoint.reply(request, peer, 481, 'Call/Transaction Does Not Exist');
    this.endpoint.reply(request, peer, 200, 'OK');
    dialog.endedByDevice('bye');
  }

  // ---- the keepalive monitor ----

  private sweep(): void {
    const now = Date.now();
    for (const device of this.devices.values()) {
      if (!device.online) continue;
      if (device.expiresAt.getTime() <= now) this.setOffline(device, 'registration expired');
      else if (now - device.lastSeenAt > device.keepaliveMs * this.keepaliveMisses)
        this.setOffline(device, `${this.keepaliveMisses} keepalives missed`);
      else if (now - device.lastCatalogAt > (this.options.catalogRefreshMs ?? 600_000)) void this.refreshCatalog(device);
    }
  }

  // ---- queries to devices ----

  /** Sends a query and resolves with the items of its answer(s); a single answer is one item. */
  private async query(device: GbDeviceState, message: Manscdp): Promise<unknown[]> {
    const waiting = this.answers.expect(device.deviceId, message.sn);
    const response = await this.endpoint.request(
      device.peer,
      this.endpoint.createRequest({
        method: 'MESSAGE',
        uri: `sip:${device.deviceId}@${this.options.domain}`,
        from: `sip:${this.options.platformId}@${this.options.domain}`,
        to: `sip:${device.deviceId}@${this.options.domain}`,
        body: encodeManscdp(message),
        contentType: MANSCDP_CONTENT_TYPE,
      }),
    );
    if (response.status >= 300)
      throw new Error(`device ${device.deviceId} refused ${message.cmdType}: ${response.status} ${response.reason}`);
    const { items, complete } = await waiting;
    if (items.length === 0) throw new Error(`device ${device.deviceId} did not answer ${message.cmdType}`);
    if (!complete)
      this.options.log.warn(
        { deviceId: device.deviceId, cmdType: message.cmdType, items: items.length },
        'answer incomplete; using what came',
      );
    return items;
  }

  private async answerOf<T extends Manscdp>(device: GbDeviceState, message: Manscdp): Promise<T> {
    const [answer] = await this.query(device, message);
    return answer as T;
  }

  private nextSn(): number {
    this.sn = (this.sn % 999_999_999) + 1;
    return this.sn;
  }

  private async queryDeviceInfo(device: DeviceRecord): Promise<void> {
    try {
      const info = await this.answerOf<Extract<Manscdp, { cmdType: 'DeviceInfo'; root: 'Response' }>>(device, {
        root: 'Query',
        cmdType: 'DeviceInfo',
        sn: this.nextSn(),
        deviceId: device.deviceId,
      });
      device.info = definedOnly({ name: info.deviceName, manufacturer: info.manufacturer, model: info.model, firmware: info.firmware });
      this.emit('device', device);
    } catch (error) {
      this.options.log.warn({ deviceId: device.deviceId, err: (error as Error).message }, 'DeviceInfo query failed');
    }
  }

  private async refreshCatalog(device: DeviceRecord): Promise<void> {
    if (device.catalogInFlight) return;
    device.catalogInFlight = true;
    device.lastCatalogAt = Date.now();
    try {
      const items = await this.query(device, { root: 'Query', cmdType: 'Catalog', sn: this.nextSn(), deviceId: device.deviceId });
      this.applyCatalog(device, items as CatalogItem[]);
    } catch (error) {
      this.options.log.warn({ deviceId: device.deviceId, err: (error as Error).message }, 'Catalog query failed');
    } finally {
      device.catalogInFlight = false;
    }
  }

  private applyCatalog(device: DeviceRecord, items: CatalogItem[]): void {
    const unique = new Map(items.map((item) => [item.deviceId, item]));
    device.catalog = [...unique.values()];
    const changed: GbChannelState[] = [];
    for (const item of unique.values()) {
      const next = { channelId: item.deviceId, name: item.name, online: item.status === 'ON' };
      const before = device.channels.get(item.deviceId);
      device.channels.set(item.deviceId, next);
      if (!before || before.online !== next.online || before.name !== next.name) changed.push(next);
    }
    for (const channelId of device.channels.keys()) {
      if (!unique.has(channelId)) {
        const gone = { ...device.channels.get(channelId)!, online: false };
        device.channels.delete(channelId);
        changed.push(gone);
      }
    }
    this.options.log.info({ deviceId: device.deviceId, channels: device.channels.size }, 'GB catalog gathered');
    this.emit('catalog', device);
    for (const channel of changed) this.emit('channel', device.deviceId, channel);
  }

  /** The device's status as it reports it (DeviceStatus query). */
  async deviceStatus(deviceId: string): Promise<{ online: boolean; status: string }> {
    const device = this.onlineDevice(deviceId);
    const answer = await this.answerOf<Extract<Manscdp, { cmdType: 'DeviceStatus'; root: 'Response' }>>(device, {
      root: 'Query',
      cmdType: 'DeviceStatus',
      sn: this.nextSn(),
      deviceId,
    });
    return { online: answer.online, status: answer.status };
  }

  /** The device's own recordings of a channel in [from, to] (RecordInfo, gathered over its answers). */
  async recordInfo(deviceId: string, channelId: string, from: Date, to: Date): Promise<RecordItem[]> {
    const device = this.onlineDevice(deviceId);
    const items = (await this.query(device, {
      root: 'Query',
      cmdType: 'RecordInfo',
      sn: this.nextSn(),
      deviceId: channelId,
      startTime: from.toISOString(),
      endTime: to.toISOString(),
      type: 'all',
    }).catch((error: unknown) => {
      // No recording in the range: some devices answer nothing at all.
      if (error instanceof Error && /did not answer/.test(error.message)) return [];
      throw error;
    })) as RecordItem[];
    return items.sort((a, b) => a.startTime.localeCompare(b.startTime));
  }

  // ---- streams ----

  /** Opens a stream: INVITE with our SDP, waits for the device's 200, ACKs it. */
  async invite(options: InviteOptions): Promise<GbDialog> {
    const device = this.onlineDevice(options.deviceId);
    const offer = buildGbSdp(this.offer(options));
    const peer = device.peer;
    const request = this.endpoint.createRequest({
      method: 'INVITE',
      uri: `sip:${options.channelId}@${peer.address}:${peer.port}`,
      from: `sip:${this.options.platformId}@${this.options.domain}`,
      to: `sip:${options.channelId}@${this.options.domain}`,
      contact: this.endpoint.contact(this.options.platformId),
      headers: [['subject', `${options.channelId}:${options.ssrc},${this.options.platformId}:0`]],
      body: Buffer.from(offer),
      contentType: 'application/sdp',
    });
    const response = await this.endpoint.request(peer, request, { timeoutMs: this.options.inviteTimeoutMs ?? 10_000 });
    if (response.status >= 300)
      throw new Error(`device ${options.deviceId} refused to stream ${options.channelId}: ${response.status} ${response.reason}`);
    this.endpoint.ack(request, response, peer);
    const sip = SipDialog.asCaller(this.endpoint, peer, request, response);
    let answer: GbSdp;
    try {
      answer = parseGbSdp(response.body.toString('utf8'));
    } catch (error) {
      await sip.request('BYE', { timeoutMs: 5_000 }).catch(() => undefined);
      throw new Error(`device ${options.deviceId} answered with an SDP we cannot read: ${(error as Error).message}`);
    }
    const dialog = new DeviceDialog(sip, options.deviceId, options.channelId, answer, (closed) => this.dialogs.delete(closed.callId));
    this.dialogs.set(dialog.callId, dialog);
    return dialog;
  }

  private offer(options: InviteOptions): GbSdp & { ownerId: string } {
    const playback = options.mode === 'playback';
    if (playback && (!options.start || !options.end)) throw new Error('a playback INVITE needs a start and an end');
    const tcp = options.transport === 'tcp-passive';
    return {
      ownerId: this.options.platformId,
      sessionName: playback ? 'Playback' : 'Play',
      origin: this.options.sipHost,
      connection: options.mediaHost,
      media: { port: options.mediaPort, proto: tcp ? 'TCP/RTP/AVP' : 'RTP/AVP', payloads: [96] },
      ...(tcp ? { setup: 'passive' as const } : {}),
      direction: 'recvonly',
      rtpmap: { 96: 'PS/90000' },
      ssrc: options.ssrc,
      time: playback ? [Math.floor(options.start!.getTime() / 1000), Math.floor(options.end!.getTime() / 1000)] : [0, 0],
      ...(playback ? { uri: `${options.channelId}:0` } : {}),
      ...(options.streamNumber !== undefined ? { streamNumber: options.streamNumber } : {}),
    };
  }

  /** A sequence for SSRCs (`makeSsrc`), unique within this process. */
  nextSsrcSequence(): number {
    this.inviteSequence = (this.inviteSequence % 9999) + 1;
    return this.inviteSequence;
  }

  private onlineDevice(deviceId: string): DeviceRecord {
    const device = this.devices.get(deviceId);
    if (!device) throw new Error(`GB device ${deviceId} has never registered here`);
    if (!device.online) throw new Error(`GB device ${deviceId} is offline`);
    return device;
  }
}

/**
 * HA1 per device id, computed once. SIP_PASSWORD serves every device without its own and the HA1 depends on
 * the device id, so the password stays in this closure only (never in the server's fields, logs or health).
 */
function ha1Cache(realm: string, password: string): (deviceId: string) => string {
  const cache = new Map<string, string>();
  return (deviceId) => {
    const cached = cache.get(deviceId);
    if (cached) return cached;
    const ha1: string = digestHa1(deviceId, realm, password);
    if (cache.size > 200_000) cache.clear();
    cache.set(deviceId, ha1);
    return ha1;
  };
}

function userOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return parseNameAddr(value).user;
  } catch {
    return undefined;
  }
}

/** Expires header, else the Contact's expires parameter; undefined when neither says. */
function requestedExpires(request: SipRequest): number | undefined {
  const fromHeader = header(request, 'expires');
  const contact = header(request, 'contact');
  const raw = fromHeader ?? (contact && contact !== '*' ? safeParams(contact)['expires'] : undefined);
  if (raw === undefined) return contact === '*' ? 0 : undefined;
  const value = Number(raw.trim());
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

function safeParams(value: string): Record<string, string> {
  try {
    return parseNameAddr(value).params;
  } catch {
    return {};
  }
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const peerText = (peer: SipPeer) => `${peer.transport}:${peer.address}:${peer.port}`;
