// SIP over a stream (RFC 3261 §18.3): messages are delimited by their Content-Length. CRLF keepalives
// (RFC 5626) between messages are skipped. Garbage or an oversized message throws SipParseError, after which
// the connection cannot be resynchronised and the caller closes it.
import { declaredContentLength, MAX_SIP_MESSAGE_BYTES, parseSipHead, parseSipMessage, SipParseError, type SipMessage } from './message';

const HEAD_END = Buffer.from('\r\n\r\n');

export class SipStreamFramer {
  private buffer: Buffer = Buffer.alloc(0);
  // Where the search for the end of the head resumes, so a head arriving byte by byte is scanned once.
  private searchFrom = 0;
  private failed: SipParseError | null = null;

  push(chunk: Buffer): SipMessage[] {
    if (this.failed) throw this.failed;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const messages: SipMessage[] = [];
    try {
      for (;;) {
        this.skipKeepalives();
        const message = this.next();
        if (!message) break;
        messages.push(message);
      }
    } catch (error) {
      this.failed = error instanceof SipParseError ? error : new SipParseError(String(error));
      throw this.failed;
    }
    return messages;
  }

  private skipKeepalives(): void {
    let start = 0;
    while (start < this.buffer.length && (this.buffer[start] === 0x0d || this.buffer[start] === 0x0a)) start++;
    if (start > 0) {
      this.buffer = this.buffer.subarray(start);
      this.searchFrom = Math.max(0, this.searchFrom - start);
    }
  }

  private next(): SipMessage | null {
    const end = this.buffer.indexOf(HEAD_END, this.searchFrom);
    if (end < 0) {
      if (this.buffer.length > MAX_SIP_MESSAGE_BYTES) throw new SipParseError(`no end of headers within ${MAX_SIP_MESSAGE_BYTES} bytes`);
      this.searchFrom = Math.max(0, this.buffer.length - 3);
      return null;
    }
    const { headers } = parseSipHead(this.buffer.subarray(0, end).toString('utf8'));
    const total = end + HEAD_END.length + (declaredContentLength(headers) ?? 0);
    if (total > MAX_SIP_MESSAGE_BYTES) throw new SipParseError(`message of ${total} bytes is over ${MAX_SIP_MESSAGE_BYTES}`);
    if (this.buffer.length < total) {
      this.searchFrom = end; // the head is known; wait for the body
      return null;
    }
    const message = parseSipMessage(this.buffer.subarray(0, total));
    this.buffer = this.buffer.subarray(total);
    this.searchFrom = 0;
    return message;
  }
}
