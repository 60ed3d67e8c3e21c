// A SIP dialog (RFC 3261 §12): the Call-ID, both tags and our CSeq counter that BYE and INFO within an
// INVITE's session carry. Requests in the dialog go to the peer's source address (NAT), with the peer's
// Contact as Request-URI.
import type { SipEndpoint } from './endpoint';
import { parseNameAddr } from './header-values';
import { header, parseCSeq, type SipHeaders, type SipRequest, type SipResponse } from './message';
import type { SipPeer } from './transport';

export interface DialogRequestExtra {
  headers?: SipHeaders;
  body?: Buffer;
  contentType?: string;
  timeoutMs?: number;
}

export class SipDialog {
  private cseq: number;

  private constructor(
    private readonly endpoint: SipEndpoint,
    readonly peer: SipPeer,
    readonly callId: string,
    /** Our From in requests we send (name-addr with our tag). */
    private readonly local: string,
    /** Their To in requests we send (name-addr with their tag). */
    private readonly remote: string,
    private readonly target: string,
    cseq: number,
  ) {
    this.cseq = cseq;
  }

  /** The dialog the caller holds after a 2xx to its INVITE. */
  static asCaller(endpoint: SipEndpoint, peer: SipPeer, invite: SipRequest, answer: SipResponse): SipDialog {
    const contact = header(answer, 'contact');
    const target = contact ? parseNameAddr(contact).uri : invite.uri;
    return new SipDialog(
      endpoint,
      peer,
      header(invite, 'call-id')!,
      header(invite, 'from')!,
      header(answer, 'to')!,
      target,
      parseCSeq(invite).sequence,
    );
  }

  /** The dialog the callee holds once it answers an INVITE with `toTag`. */
  static asCallee(endpoint: SipEndpoint, peer: SipPeer, invite: SipRequest, toTag: string): SipDialog {
    const contact = header(invite, 'contact');
    const target = contact ? parseNameAddr(contact).uri : parseNameAddr(header(invite, 'from')!).uri;
    return new SipDialog(
      endpoint,
      peer,
      header(invite, 'call-id')!,
      `${header(invite, 'to')!};tag=${toTag}`,
      header(invite, 'from')!,
      target,
      1000,
    );
  }

  /** Whether a request belongs to this dialog (same Call-ID). */
  matches(request: SipRequest): boolean {
    return header(request, 'call-id') === this.callId;
  }

  /** Sends BYE, INFO or another request within the dialog and resolves with the final response. */
  request(method: string, extra: DialogRequestExtra = {}): Promise<SipResponse> {
    this.cseq += 1;
    const list: SipHeaders = [
      ['from', this.local],
      ['to', this.remote],
      ['call-id', this.callId],
      ['cseq', `${this.cseq} ${method}`],
      ...(extra.headers ?? []),
    ];
    if (extra.contentType) list.push(['content-type', extra.contentType]);
    const request: SipRequest = { kind: 'request', method, uri: this.target, headers: list, body: extra.body ?? Buffer.alloc(0) };
    return this.endpoint.request(this.peer, request, extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs });
  }
}
