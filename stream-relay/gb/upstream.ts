// Cascade (级联) upward: with UPSTREAM_SIP set we are a lower platform of the upper one. We register with it
// (digest), keep alive, register again before the registration runs out and whenever it stops answering,
// answer its Catalog with exactly the cameras the server shared (their GB ids, in pages) and its
// DeviceInfo, and on its INVITE of a shared camera push that camera's live video to it as PS over RTP.
// Anything else it asks to see is 404: it never sees beyond what it was given.
import type { UpstreamSip } from '../../gb28181/config';
import { decodeManscdp, encodeManscdp, MANSCDP_CONTENT_TYPE, type CatalogItem, type Manscdp } from '../../gb28181/manscdp';
import { buildGbSdp, parseGbSdp, ssrcNumber, type GbSdp } from '../../gb28181/sdp';
import { answerDigest } from '../../gb28181/sip/digest';
import { newCallId, parseNameAddr, SipEndpoint } from '../../gb28181/sip/endpoint';
import { header, type SipRequest, type SipResponse } from '../../gb28181/sip/message';
import { SipTransport, type SipPeer } from '../../gb28181/sip/transport';
import { Backoff } from '../backoff';
import type { Logger } from '../logger';
import type { GbSharedCamera } from '../protocol';

const USER_AGENT = 'canteen-command relay (cascade)';
const CATALOG_PAGE = 10;
/** Keepalives unanswered in a row before the upper platform counts as gone and we register again. */
const KEEPALIVE_MISSES = 3;

export interface PushTarget {
  transport: 'udp' | 'tcp-active';
  host: string;
  port: number;
  ssrc: number;
}

/** A running push of one camera to the upper platform. */
export interface CascadePush {
  /** The local port media leaves from (for our SDP answer). */
  readonly port: number;
  stop(): void;
  /** Settles when the push ended by itself (the camera went away, the receiver hung up). */
  readonly ended: Promise<void>;
}

export interface UpstreamOptions {
  upstream: UpstreamSip;
  /** Who we are to the upper platform. */
  platformId: string;
  domain: string;
  /** Our address (Via, Contact, SDP) and where to bind. */
  sipHost: string;
  bindHost: string;
  /** The cameras the upper platform may see, as the server last said. */
  shared: () => readonly GbSharedCamera[];
  push: (cameraId: string, target: PushTarget) => Promise<CascadePush>;
  log: Logger;
}

export class UpstreamLink {
  private registered = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private keepaliveTimer: NodeJS.Timeout | null = null;
  private missed = 0;
  private sn = 1;
  private readonly callId: string;
  private cseq = 1;
  private readonly backoff = new Backoff(2_000, 60_000);
  private readonly pushes = new Map<string, CascadePush>();

  private constructor(
    private readonly options: UpstreamOptions,
    private readonly transport: SipTransport,
    private readonly endpoint: SipEndpoint,
  ) {
    this.callId = newCallId(options.sipHost);
    endpoint.on('request', (request, peer) => this.handle(request, peer));
    endpoint.on('error', (error) => options.log.debug({ err: error.message }, 'upstream SIP message not handled'));
    transport.on('error', (error) => options.log.debug({ err: error.message }, 'upstream SIP transport error'));
  }

  static async start(options: UpstreamOptions): Promise<UpstreamLink> {
    const tcp = options.upstream.transport === 'tcp';
    const transport = await SipTransport.listen({ host: options.bindHost, port: 0, udp: !tcp, tcp });
    const endpoint = new SipEndpoint(transport, { host: options.sipHost, userAgent: USER_AGENT });
    const link = new UpstreamLink(options, transport, endpoint);
    void link.register();
    return link;
  }

  get isRegistered(): boolean {
    return this.registered;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.keepaliveTimer) clearInterval(this.keepaliveTimer);
    for (const push of this.pushes.values()) push.stop();
    this.pushes.clear();
    if (this.registered) await this.sendRegister(0).catch(() => undefined);
    this.endpoint.close();
    await this.transport.close();
  }

  private get upper(): SipPeer {
    const { upstream } = this.options;
    return { transport: upstream.transport, address: upstream.host, port: upstream.port };
  }

  private get self(): string {
    return `sip:${this.options.platformId}@${this.options.domain}`;
  }

  // ---- registration and keepalive ----

  private async register(): Promise<void> {
    if (this.stopped) return;
    const { upstream, log } = this.options;
    try {
      const response = await this.sendRegister(upstream.expiresSeconds);
      if (response.status !== 200) throw new Error(`${response.status} ${response.reason}`);
      const granted = Number(header(response, 'expires') ?? upstream.expiresSeconds) || upstream.expiresSeconds;
      if (!this.registered) log.info({ upper: upstream.id, expires: granted }, 'registered with the upper platform');
      this.registered = true;
      this.backoff.reset();
      this.missed = 0;
      this.startKeepalives();
      // Again well before it runs out.
      this.schedule(Math.max(5, granted * 0.8) * 1000);
    } catch (error) {
      if (this.registered) log.warn({ upper: upstream.id, err: (error as Error).message }, 'lost the upper platform; registering again');
      this.registered = false;
      this.schedule(this.backoff.next());
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.register(), delayMs);
    this.timer.unref();
  }

  private async sendRegister(expires: number): Promise<SipResponse> {
    const { upstream } = this.options;
    const uri = `sip:${upstream.id}@${upstream.domain}`;
    const build = (authorization?: string): SipRequest =>
      this.endpoint.createRequest({
        method: 'REGISTER',
        uri,
        from: this.self,
        to: this.self,
        callId: this.callId,
        cseq: this.cseq++,
        contact: this.endpoint.contact(this.options.platformId),
        headers: [['expires', String(expires)], ...(authorization ? [['authorization', authorization] as [string, string]] : [])],
      });
    const first = await this.endpoint.request(this.upper, build());
    if (first.status !== 401) return first;
    const challenge = header(first, 'www-authenticate');
    if (!challenge) return first;
    const authorization = answerDigest(challenge, {
      username: this.options.platformId,
      password: upstream.password,
      method: 'REGISTER',
      uri,
    });
    return this.endpoint.request(this.upper, build(authorization));
  }

  private startKeepalives(): void {
    if (this.keepaliveTimer) return;
    this.keepaliveTimer = setInterval(() => void this.keepalive(), this.options.upstream.keepaliveSeconds * 1000);
    this.keepaliveTimer.unref();
  }

  private async keepalive(): Promise<void> {
    if (!this.registered) return;
    const body: Manscdp = { root: 'Notify', cmdType: 'Keepalive', sn: this.sn++, deviceId: this.options.platformId, status: 'OK' };
    const answered = await this.message(body)
      .then((response) => response.status === 200)
      .catch(() => false);
    this.missed = answered ? 0 : this.missed + 1;
    if (this.missed >= KEEPALIVE_MISSES) {
      this.options.log.warn({ upper: this.options.upstream.id }, 'the upper platform stopped answering keepalives; registering again');
      this.registered = false;
      this.missed = 0;
      this.schedule(0);
    }
  }

  private message(body: Manscdp): Promise<SipResponse> {
    const { upstream } = this.options;
    return this.endpoint.request(
      this.upper,
      this.endpoint.createRequest({
        method: 'MESSAGE',
        uri: `sip:${upstream.id}@${upstream.domain}`,
        from: this.self,
        to: `sip:${upstream.id}@${upstream.domain}`,
        body: encodeManscdp(body),
        contentType: MANSCDP_CONTENT_TYPE,
      }),
    );
  }

  // ---- what the upper platform asks ----

  private handle(request: SipRequest, peer: SipPeer): void {
    try {
      if (request.method === 'MESSAGE') return this.query(request, peer);
      if (request.method === 'INVITE') return void this.invite(request, peer);
      if (request.method === 'BYE') return this.bye(request, peer);
      if (request.method === 'ACK') return;
      this.endpoint.reply(request, peer, 405, 'Method Not Allowed');
    } catch (error) {
      this.options.log.warn({ err: (error as Error).message, method: request.method }, 'upstream request not handled');
      this.endpoint.reply(request, peer, 400, 'Bad Request');
    }
  }

  /** The shared cameras within the scope UPSTREAM_SIP names (the server already chose them; this is the last fence). */
  private visible(): GbSharedCamera[] {
    const scope = this.options.upstream.scope.replace(/(00)+$/, '');
    return this.options.shared().filter((camera) => camera.civilCode.startsWith(scope));
  }

  private query(request: SipRequest, peer: SipPeer): void {
    let body: Manscdp;
    try {
      body = decodeManscdp(request.body, header(request, 'content-type'));
    } catch {
      return this.endpoint.reply(request, peer, 400, 'Bad Request');
    }
    this.endpoint.reply(request, peer, 200, 'OK');
    if (body.root !== 'Query') return;
    const { platformId } = this.options;
    if (body.cmdType === 'Catalog') {
      const items: CatalogItem[] = this.visible().map((camera) => ({
        deviceId: camera.gbId,
        name: camera.name,
        manufacturer: 'Canteen Command',
        model: 'Camera',
        parentId: platformId,
        civilCode: camera.civilCode,
        status: 'ON',
        parental: 0,
      }));
      void this.sendPages(body.sn, items);
    } else if (body.cmdType === 'DeviceInfo') {
      void this.message({
        root: 'Response',
        cmdType: 'DeviceInfo',
        sn: body.sn,
        deviceId: platformId,
        deviceName: 'Canteen Command',
        manufacturer: 'Canteen Command',
        model: 'Platform',
        firmware: '1',
        channel: this.visible().length,
      }).catch(() => undefined);
    }
  }

  private async sendPages(sn: number, items: CatalogItem[]): Promise<void> {
    const { platformId } = this.options;
    try {
      if (items.length === 0) await this.message({ root: 'Response', cmdType: 'Catalog', sn, deviceId: platformId, sumNum: 0, items: [] });
      for (let start = 0; start < items.length; start += CATALOG_PAGE) {
        await this.message({
          root: 'Response',
          cmdType: 'Catalog',
          sn,
          deviceId: platformId,
          sumNum: items.length,
          items: items.slice(start, start + CATALOG_PAGE),
        });
      }
    } catch (error) {
      this.options.log.warn({ err: (error as Error).message }, 'catalog answer to the upper platform failed');
    }
  }

  private async invite(request: SipRequest, peer: SipPeer): Promise<void> {
    const channelId = parseNameAddr(`<${request.uri}>`).user ?? '';
    const camera = this.visible().find((shared) => shared.gbId === channelId);
    if (!camera) return this.endpoint.reply(request, peer, 404, 'Not Found');
    let offer: GbSdp;
    try {
      offer = parseGbSdp(request.body.toString('utf8'));
    } catch {
      return this.endpoint.reply(request, peer, 400, 'Bad Request: SDP');
    }
    if (offer.sessionName !== 'Play') return this.endpoint.reply(request, peer, 488, 'Not Acceptable Here: live only');
    this.endpoint.reply(request, peer, 100, 'Trying');
    const target: PushTarget = {
      transport: offer.media.proto === 'TCP/RTP/AVP' ? 'tcp-active' : 'udp',
      host: offer.connection,
      port: offer.media.port,
      ssrc: ssrcNumber(offer.ssrc ?? '0'),
    };
    let push: CascadePush;
    try {
      push = await this.options.push(camera.cameraId, target);
    } catch (error) {
      this.options.log.warn({ cameraId: camera.cameraId, err: (error as Error).message }, 'cascade push could not start');
      return this.endpoint.reply(request, peer, 503, 'Service Unavailable');
    }
    const callId = header(request, 'call-id')!;
    this.pushes.set(callId, push);
    void push.ended.then(() => this.pushes.delete(callId));
    const answer = buildGbSdp({
      ownerId: this.options.platformId,
      sessionName: 'Play',
      origin: this.options.platformId,
      connection: this.options.sipHost,
      media: { port: push.port, proto: offer.media.proto, payloads: [96] },
      ...(target.transport === 'tcp-active' ? { setup: 'active' as const } : {}),
      direction: 'sendonly',
      rtpmap: { 96: 'PS/90000' },
      ...(offer.ssrc ? { ssrc: offer.ssrc } : {}),
      time: [0, 0],
    });
    this.endpoint.reply(request, peer, 200, 'OK', {
      headers: [['contact', this.endpoint.contact(this.options.platformId)]],
      body: Buffer.from(answer),
      contentType: 'application/sdp',
    });
    this.options.log.info(
      { cameraId: camera.cameraId, gbId: channelId, target: `${target.transport}:${target.host}:${target.port}` },
      'cascade push started',
    );
  }

  private bye(request: SipRequest, peer: SipPeer): void {
    const callId = header(request, 'call-id') ?? '';
    const push = this.pushes.get(callId);
    if (!push) return this.endpoint.reply(request, peer, 481, 'Call/Transaction Does Not Exist');
    this.pushes.delete(callId);
    push.stop();
    this.endpoint.reply(request, peer, 200, 'OK');
  }
}
