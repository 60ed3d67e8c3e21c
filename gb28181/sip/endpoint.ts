// A small SIP transaction layer (RFC 3261 §17) over a SipTransport, used by our SIP server and by the
// simulated devices alike. Client side: requests retransmitted over UDP (T1 = 500 ms, doubling), responses
// matched by the top Via branch and the CSeq method, provisional responses ignored, a timeout as an error, and
// the ACK of a failed INVITE sent for the caller. Server side: Via `received`/`rport` filled in on every
// request (RFC 3581) so answers find a device behind NAT, and a retransmitted request answered with the
// response already sent instead of being handled twice.
import { EventEmitter } from 'node:events';
import { formatVia, newBranch, newCallId, newTag, parseVia, SipHeaderError } from './header-values';
import { header, headers, parseCSeq, SipParseError, type SipHeaders, type SipRequest, type SipResponse } from './message';
import type { SipPeer, SipTransport } from './transport';

export { newBranch, newCallId, newTag, parseNameAddr, parseVia } from './header-values';

export const SIP_T1_MS = 500;
const SIP_T2_MS = 4000;
/** Timer B/F (64·T1): how long a request waits for its final response by default. */
export const SIP_TRANSACTION_TIMEOUT_MS = 64 * SIP_T1_MS;
const SWEEP_MS = 5000;
/** Answered requests remembered for retransmissions (about 32 s of 6,000 requests a second). */
const MAX_SERVED_TRANSACTIONS = 200_000;

export class SipTimeoutError extends Error {
  override name = 'SipTimeoutError';
}

export interface SipEndpointOptions {
  /** The address our Via and Contact carry (the one peers can reach). */
  host: string;
  /** The port in our Via and Contact; default the transport's. */
  port?: number;
  userAgent: string;
  /** RFC 3261's T1; tests of retransmission may shorten it. */
  t1Ms?: number;
}

export interface ReplyExtra {
  headers?: SipHeaders;
  body?: Buffer;
  contentType?: string;
  /** The To tag to add (a dialog's own tag); default one per transaction. */
  toTag?: string;
}

export interface NewRequest {
  method: string;
  uri: string;
  /** From and To as URIs (`sip:<id>@<domain>`) or full name-addrs. */
  from: string;
  to: string;
  fromTag?: string;
  toTag?: string;
  callId?: string;
  cseq?: number;
  contact?: string;
  headers?: SipHeaders;
  body?: Buffer;
  contentType?: string;
}

interface ClientTransaction {
  request: SipRequest;
  peer: SipPeer;
  resolve: (response: SipResponse) => void;
  reject: (error: Error) => void;
  retransmit?: NodeJS.Timeout;
  timeout: NodeJS.Timeout;
}

interface ServerTransaction {
  tag: string;
  lastResponse?: SipResponse;
  peer: SipPeer;
  at: number;
}

type EndpointEvents = {
  request: [SipRequest, SipPeer];
  /** A response no pending request was waiting for (late, or for a finished transaction). */
  stray: [SipResponse, SipPeer];
  error: [Error];
};

const asNameAddr = (value: string) => (value.includes('<') ? value : `<${value}>`);
const transactionKey = (branch: string, method: string) => `${branch}|${method}`;

export class SipEndpoint extends EventEmitter<EndpointEvents> {
  private readonly pending = new Map<string, ClientTransaction>();
  private readonly served = new Map<string, ServerTransaction>();
  // ACKs of answered INVITEs by Call-ID and CSeq, re-sent when a 2xx is retransmitted (our ACK was lost).
  private readonly acks = new Map<string, { ack: SipRequest; peer: SipPeer; at: number }>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly t1Ms: number;
  readonly host: string;
  readonly port: number;
  readonly userAgent: string;

  constructor(
    readonly transport: SipTransport,
    options: SipEndpointOptions,
  ) {
    super();
    this.host = options.host;
    this.port = options.port ?? transport.port;
    this.userAgent = options.userAgent;
    this.t1Ms = options.t1Ms ?? SIP_T1_MS;
    transport.on('message', (message, peer) => {
      try {
        if (message.kind === 'request') this.onRequest(message, peer);
        else this.onResponse(message, peer);
      } catch (error) {
        this.report(error as Error);
      }
    });
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  /** Our contact address for a user (a GB id). */
  contact(user: string): string {
    return `<sip:${user}@${this.host}:${this.port}>`;
  }

  /** A request with From (tagged), To, Call-ID, CSeq, Max-Forwards and, when given, Contact and a body. */
  createRequest(options: NewRequest): SipRequest {
    const list: SipHeaders = [
      ['from', `${asNameAddr(options.from)};tag=${options.fromTag ?? newTag()}`],
      ['to', options.toTag ? `${asNameAddr(options.to)};tag=${options.toTag}` : asNameAddr(options.to)],
      ['call-id', options.callId ?? newCallId(this.host)],
      ['cseq', `${options.cseq ?? 1} ${options.method}`],
      ['max-forwards', '70'],
    ];
    if (options.contact) list.push(['contact', options.contact]);
    list.push(...(options.headers ?? []));
    if (options.contentType) list.push(['content-type', options.contentType]);
    return { kind: 'request', method: options.method, uri: options.uri, headers: list, body: options.body ?? Buffer.alloc(0) };
  }

  /** Sends a request and resolves with its final response; rejects with SipTimeoutError when none comes. */
  request(peer: SipPeer, request: SipRequest, options: { timeoutMs?: number } = {}): Promise<SipResponse> {
    const prepared = this.withOurVia(request, peer);
    const branch = parseVia(header(prepared, 'via')!).branch!;
    const key = transactionKey(branch, parseCSeq(prepared).method);
    return new Promise<SipResponse>((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? SIP_TRANSACTION_TIMEOUT_MS;
      const transaction: ClientTransaction = {
        request: prepared,
        peer,
        resolve,
        reject,
        timeout: setTimeout(() => {
          this.finish(key);
          reject(new SipTimeoutError(`no answer to ${prepared.method} from ${peer.address}:${peer.port} in ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.pending.set(key, transaction);
      this.transport.send(prepared, peer);
      if (peer.transport === 'udp') this.scheduleRetransmit(key, transaction, this.t1Ms);
    });
  }

  /** Sends a request outside any transaction (an ACK). */
  send(peer: SipPeer, request: SipRequest): void {
    this.transport.send(this.withOurVia(request, peer), peer);
  }

  /** ACKs a 2xx answer to an INVITE (a new transaction, RFC 3261 §13.2.2.4) and remembers it for 2xx retransmissions. */
  ack(invite: SipRequest, response: SipResponse, peer: SipPeer, target = invite.uri): void {
    const { sequence } = parseCSeq(invite);
    const ack: SipRequest = {
      kind: 'request',
      method: 'ACK',
      uri: target,
      headers: [
        ['from', header(invite, 'from')!],
        ['to', header(response, 'to')!],
        ['call-id', header(invite, 'call-id')!],
        ['cseq', `${sequence} ACK`],
        ['max-forwards', '70'],
      ],
      body: Buffer.alloc(0),
    };
    this.send(peer, ack);
    this.acks.set(`${header(invite, 'call-id')}|${sequence}`, { ack: this.withOurVia(ack, peer), peer, at: Date.now() });
  }

  /** Answers a request: Via, From, To (tagged), Call-ID and CSeq copied from it; sent to where it came from. */
  reply(request: SipRequest, peer: SipPeer, status: number, reason: string, extra: ReplyExtra = {}): void {
    const served = this.servedFor(request, peer);
    const to = header(request, 'to') ?? '';
    const tagged = status === 100 || /;\s*tag=/i.test(to) ? to : `${to};tag=${extra.toTag ?? served?.tag ?? newTag()}`;
    const list: SipHeaders = [
      ...headers(request, 'via').map((via): [string, string] => ['via', via]),
      ['from', header(request, 'from') ?? ''],
      ['to', tagged],
      ['call-id', header(request, 'call-id') ?? ''],
      ['cseq', header(request, 'cseq') ?? ''],
      ['user-agent', this.userAgent],
      ...(extra.headers ?? []),
    ];
    if (extra.contentType) list.push(['content-type', extra.contentType]);
    const response: SipResponse = { kind: 'response', status, reason, headers: list, body: extra.body ?? Buffer.alloc(0) };
    if (served) served.lastResponse = response;
    this.transport.send(response, peer);
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const [key, transaction] of this.pending) {
      this.finish(key);
      transaction.reject(new Error('the SIP endpoint closed'));
    }
  }

  private withOurVia(request: SipRequest, peer: SipPeer): SipRequest {
    const list = [...request.headers];
    if (!header(request, 'via')) {
      const via = formatVia({
        transport: peer.transport.toUpperCase(),
        host: this.host,
        port: this.port,
        rport: true,
        branch: newBranch(),
        params: {},
      });
      list.unshift(['via', via]);
    }
    if (!header(request, 'max-forwards')) list.push(['max-forwards', '70']);
    if (!header(request, 'user-agent')) list.push(['user-agent', this.userAgent]);
    return { ...request, headers: list };
  }

  private scheduleRetransmit(key: string, transaction: ClientTransaction, delay: number): void {
    transaction.retransmit = setTimeout(() => {
      if (this.pending.get(key) !== transaction) return;
      this.transport.send(transaction.request, transaction.peer);
      const invite = transaction.request.method === 'INVITE';
      this.scheduleRetransmit(key, transaction, invite ? delay * 2 : Math.min(delay * 2, SIP_T2_MS));
    }, delay);
  }

  private finish(key: string): void {
    const transaction = this.pending.get(key);
    if (!transaction) return;
    clearTimeout(transaction.timeout);
    clearTimeout(transaction.retransmit);
    this.pending.delete(key);
  }

  private onResponse(response: SipResponse, peer: SipPeer): void {
    const via = header(response, 'via');
    const branch = via ? parseVia(via).branch : undefined;
    const cseq = parseCSeq(response);
    const key = branch && transactionKey(branch, cseq.method);
    const transaction = key ? this.pending.get(key) : undefined;
    if (!key || !transaction) {
      const ack = this.acks.get(`${header(response, 'call-id')}|${cseq.sequence}`);
      if (ack && cseq.method === 'INVITE' && response.status < 300) this.transport.send(ack.ack, ack.peer);
      else this.emit('stray', response, peer);
      return;
    }
    if (response.status < 200) {
      // A provisional answer: the peer has the request, so stop repeating an INVITE (Timer A) and wait.
      if (transaction.request.method === 'INVITE') clearTimeout(transaction.retransmit);
      return;
    }
    this.finish(key);
    if (transaction.request.method === 'INVITE' && response.status >= 300) this.ackFailure(transaction, response);
    transaction.resolve(response);
  }

  /** RFC 3261 §17.1.1.3: a failed INVITE is ACKed within its own transaction (same branch). */
  private ackFailure(transaction: ClientTransaction, response: SipResponse): void {
    const invite = transaction.request;
    const ack: SipRequest = {
      kind: 'request',
      method: 'ACK',
      uri: invite.uri,
      headers: [
        ['via', header(invite, 'via')!],
        ['from', header(invite, 'from')!],
        ['to', header(response, 'to')!],
        ['call-id', header(invite, 'call-id')!],
        ['cseq', `${parseCSeq(invite).sequence} ACK`],
        ['max-forwards', '70'],
      ],
      body: Buffer.alloc(0),
    };
    this.transport.send(ack, transaction.peer);
  }

  private onRequest(request: SipRequest, peer: SipPeer): void {
    const topVia = header(request, 'via');
    if (!topVia || !header(request, 'call-id') || !header(request, 'from') || !header(request, 'to')) {
      throw new SipParseError(`${request.method} from ${peer.address}:${peer.port} lacks Via, From, To or Call-ID`);
    }
    const via = parseVia(topVia);
    const { method } = parseCSeq(request);
    if (method !== request.method) {
      throw new SipParseError(`CSeq method ${method} does not match ${request.method}`);
    }
    // RFC 3581: record where the request really came from, so responses (and later requests) go there.
    if (via.rport === true) via.rport = peer.port;
    if (via.rport !== undefined || via.host !== peer.address) via.received = peer.address;
    const index = request.headers.findIndex(([name]) => name === 'via');
    request.headers[index] = ['via', formatVia(via)];

    if (request.method !== 'ACK' && via.branch) {
      const key = transactionKey(`${via.branch}|${peer.address}|${peer.port}`, request.method);
      const served = this.served.get(key);
      if (served) {
        // A retransmission: answer it again, or wait while the first copy is still being handled.
        if (served.lastResponse) this.transport.send(served.lastResponse, peer);
        return;
      }
      this.served.set(key, { tag: newTag(), peer, at: Date.now() });
      // A flood of distinct requests must not grow the table without bound: the oldest entries go first.
      if (this.served.size > MAX_SERVED_TRANSACTIONS) this.served.delete(this.served.keys().next().value!);
    }
    this.emit('request', request, peer);
  }

  private servedFor(request: SipRequest, peer: SipPeer): ServerTransaction | undefined {
    const via = header(request, 'via');
    let branch: string | undefined;
    try {
      branch = via ? parseVia(via).branch : undefined;
    } catch (error) {
      if (!(error instanceof SipHeaderError)) throw error;
    }
    return branch ? this.served.get(transactionKey(`${branch}|${peer.address}|${peer.port}`, request.method)) : undefined;
  }

  private sweep(): void {
    const oldest = Date.now() - SIP_TRANSACTION_TIMEOUT_MS;
    for (const [key, served] of this.served) if (served.at < oldest) this.served.delete(key);
    for (const [key, ack] of this.acks) if (ack.at < oldest) this.acks.delete(key);
  }

  private report(error: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}
