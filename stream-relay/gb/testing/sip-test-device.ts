// A small GB/T 28181 device for the SIP server's own tests, on the real SIP stack: it registers with digest,
// keeps alive, answers DeviceInfo and Catalog (in pages, GB2312 by default) and INVITE/BYE, and sends
// alarms. It claims an address in its Via and Contact other than its socket's, as a device behind NAT does,
// so a server that answered the Contact instead of the source would never reach it.
import { encodeManscdp, decodeManscdp, MANSCDP_CONTENT_TYPE, type CatalogItem, type ManscdpEncoding } from '../../../gb28181/manscdp';
import { buildGbSdp, parseGbSdp } from '../../../gb28181/sdp';
import { answerDigest } from '../../../gb28181/sip/digest';
import { newCallId, SipEndpoint } from '../../../gb28181/sip/endpoint';
import { header, type SipRequest, type SipResponse } from '../../../gb28181/sip/message';
import { SipTransport, type SipPeer } from '../../../gb28181/sip/transport';

export interface TestDeviceOptions {
  deviceId: string;
  password: string;
  server: { port: number; domain: string; platformId: string };
  transport?: 'udp' | 'tcp';
  /** The local address the device's socket binds (another loopback address is another source). */
  bindHost?: string;
  channels?: { channelId: string; name: string; status?: 'ON' | 'OFF' }[];
  catalogPageSize?: number;
  encoding?: ManscdpEncoding;
}

/** The address and port the device claims in Via and Contact (its "private" address behind NAT). */
export const CLAIMED_HOST = '192.168.1.64';
export const CLAIMED_PORT = 5999;

export class SipTestDevice {
  readonly received: SipRequest[] = [];
  readonly byes: SipRequest[] = [];
  private keepaliveTimer: NodeJS.Timeout | null = null;
  private sn = 1;
  private callId: string;
  private cseq = 1;
  private invite: { request: SipRequest; peer: SipPeer; toTag: string } | null = null;

  private constructor(
    private readonly options: TestDeviceOptions,
    private readonly transport: SipTransport,
    private readonly endpoint: SipEndpoint,
  ) {
    this.callId = newCallId(CLAIMED_HOST);
    endpoint.on('request', (request, peer) => this.handle(request, peer));
  }

  static async start(options: TestDeviceOptions): Promise<SipTestDevice> {
    const transport = await SipTransport.listen({
      host: options.bindHost ?? '127.0.0.1',
      port: 0,
      udp: (options.transport ?? 'udp') === 'udp',
      tcp: options.transport === 'tcp',
    });
    const endpoint = new SipEndpoint(transport, { host: CLAIMED_HOST, port: CLAIMED_PORT, userAgent: 'test device' });
    return new SipTestDevice(options, transport, endpoint);
  }

  /** The port its packets really come from. */
  get sourcePort(): number {
    return this.transport.port;
  }

  private get server(): SipPeer {
    return { transport: this.options.transport ?? 'udp', address: '127.0.0.1', port: this.options.server.port };
  }

  private get domain(): string {
    return this.options.server.domain;
  }

  /** REGISTER, answering the challenge with `password` (the device's own by default); the final response. */
  async register(options: { expires?: number; password?: string } = {}): Promise<{ challenge: SipResponse | null; final: SipResponse }> {
    const first = await this.endpoint.request(this.server, this.registerRequest(options.expires ?? 3600));
    if (first.status !== 401) return { challenge: null, final: first };
    const challenge = header(first, 'www-authenticate')!;
    const authorization = answerDigest(challenge, {
      username: this.options.deviceId,
      password: options.password ?? this.options.password,
      method: 'REGISTER',
      uri: `sip:${this.domain}`,
    });
    const final = await this.endpoint.request(this.server, this.registerRequest(options.expires ?? 3600, authorization));
    return { challenge: first, final };
  }

  private registerRequest(expires: number, authorization?: string): SipRequest {
    const id = `sip:${this.options.deviceId}@${this.domain}`;
    return this.endpoint.createRequest({
      method: 'REGISTER',
      uri: `sip:${this.domain}`,
      from: id,
      to: id,
      callId: this.callId,
      cseq: this.cseq++,
      contact: this.endpoint.contact(this.options.deviceId),
      headers: [['expires', String(expires)], ...(authorization ? ([['authorization', authorization]] as [string, string][]) : [])],
    });
  }

  keepalive(): Promise<SipResponse> {
    return this.message(
      encodeManscdp({ root: 'Notify', cmdType: 'Keepalive', sn: this.sn++, deviceId: this.options.deviceId, status: 'OK' }, this.encoding),
    );
  }

  startKeepalives(intervalMs: number): void {
    this.stopKeepalives();
    this.keepaliveTimer = setInterval(() => void this.keepalive().catch(() => undefined), intervalMs);
  }

  stopKeepalives(): void {
    if (this.keepaliveTimer) clearInterval(this.keepaliveTimer);
    this.keepaliveTimer = null;
  }

  alarm(channelId: string, description: string): Promise<SipResponse> {
    return this.message(
      encodeManscdp(
        {
          root: 'Notify',
          cmdType: 'Alarm',
          sn: this.sn++,
          deviceId: channelId,
          alarmPriority: 1,
          alarmMethod: 5,
          alarmTime: new Date().toISOString(),
          alarmType: 2,
          alarmDescription: description,
        },
        this.encoding,
      ),
    );
  }

  /** Hangs up the stream it is sending. */
  async hangUp(): Promise<SipResponse> {
    if (!this.invite) throw new Error('no stream to hang up');
    const { request, peer, toTag } = this.invite;
    const bye = this.endpoint.createRequest({
      method: 'BYE',
      uri: parseContactUri(header(request, 'contact')) ?? request.uri,
      from: header(request, 'to')!,
      fromTag: toTag,
      to: header(request, 'from')!,
      callId: header(request, 'call-id')!,
      cseq: 2000,
    });
    return this.endpoint.request(peer, bye);
  }

  async close(): Promise<void> {
    this.stopKeepalives();
    this.endpoint.close();
    await this.transport.close();
  }

  private get encoding(): ManscdpEncoding {
    return this.options.encoding ?? 'GB2312';
  }

  private message(body: Buffer): Promise<SipResponse> {
    return this.endpoint.request(
      this.server,
      this.endpoint.createRequest({
        method: 'MESSAGE',
        uri: `sip:${this.options.server.platformId}@${this.domain}`,
        from: `sip:${this.options.deviceId}@${this.domain}`,
        to: `sip:${this.options.server.platformId}@${this.domain}`,
        body,
        contentType: MANSCDP_CONTENT_TYPE,
      }),
    );
  }

  private handle(request: SipRequest, peer: SipPeer): void {
    this.received.push(request);
    if (request.method === 'MESSAGE') {
      this.endpoint.reply(request, peer, 200, 'OK');
      // A device closed mid-answer drops the rest of it.
      this.answerQuery(request).catch(() => undefined);
    } else if (request.method === 'INVITE') {
      const offer = parseGbSdp(request.body.toString('utf8'));
      const toTag = 'dev1';
      this.invite = { request, peer, toTag };
      const answer = buildGbSdp({
        ownerId: this.options.deviceId,
        sessionName: offer.sessionName,
        origin: CLAIMED_HOST,
        connection: CLAIMED_HOST,
        media: { port: 15060, proto: offer.media.proto, payloads: [96] },
        ...(offer.setup ? { setup: 'active' as const } : {}),
        direction: 'sendonly',
        rtpmap: { 96: 'PS/90000' },
        ...(offer.ssrc ? { ssrc: offer.ssrc } : {}),
        time: offer.time,
      });
      this.endpoint.reply(request, peer, 200, 'OK', {
        toTag,
        headers: [['contact', this.endpoint.contact(this.options.deviceId)]],
        body: Buffer.from(answer),
        contentType: 'application/sdp',
      });
    } else if (request.method === 'BYE') {
      this.byes.push(request);
      this.endpoint.reply(request, peer, 200, 'OK');
    } else if (request.method !== 'ACK') {
      this.endpoint.reply(request, peer, 200, 'OK');
    }
  }

  private async answerQuery(request: SipRequest): Promise<void> {
    const query = decodeManscdp(request.body, header(request, 'content-type'));
    if (query.root !== 'Query') return;
    if (query.cmdType === 'DeviceInfo') {
      await this.message(
        encodeManscdp(
          {
            root: 'Response',
            cmdType: 'DeviceInfo',
            sn: query.sn,
            deviceId: this.options.deviceId,
            deviceName: '后厨录像机',
            manufacturer: 'Test',
            model: 'T-8',
            firmware: '1.0',
            channel: this.options.channels?.length ?? 0,
          },
          this.encoding,
        ),
      );
    } else if (query.cmdType === 'Catalog') {
      const items: CatalogItem[] = (this.options.channels ?? []).map((channel) => ({
        deviceId: channel.channelId,
        name: channel.name,
        parentId: this.options.deviceId,
        status: channel.status ?? 'ON',
      }));
      const pageSize = this.options.catalogPageSize ?? 2;
      for (let start = 0; start < Math.max(items.length, 1); start += pageSize) {
        await this.message(
          encodeManscdp(
            {
              root: 'Response',
              cmdType: 'Catalog',
              sn: query.sn,
              deviceId: this.options.deviceId,
              sumNum: items.length,
              items: items.slice(start, start + pageSize),
            },
            this.encoding,
          ),
        );
      }
    }
  }
}

function parseContactUri(contact: string | undefined): string | undefined {
  const match = contact ? /<([^>]+)>/.exec(contact) : null;
  return match?.[1];
}
