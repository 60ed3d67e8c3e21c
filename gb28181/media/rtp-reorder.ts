// Puts RTP packets back in sequence order (UDP reorders and loses them), within a window of packets.
// A gap is waited for until the window is full, then counted as lost; a packet behind what was already handed
// on is late and dropped. Sequence numbers are 16 bits and wrap; differences are taken modulo 2^16.
import type { RtpPacket } from './rtp';

export interface RtpReorderStats {
  received: number;
  lost: number;
  reordered: number;
  foreignSsrc: number;
  late: number;
  duplicates: number;
}

export const DEFAULT_REORDER_WINDOW = 64;
const HALF_SEQUENCE_SPACE = 0x8000;

/** b − a in sequence space, in [−32768, 32767]. */
function sequenceDistance(a: number, b: number): number {
  const difference = (b - a) & 0xffff;
  return difference >= HALF_SEQUENCE_SPACE ? difference - 0x10000 : difference;
}

export class RtpReorderBuffer {
  readonly stats: RtpReorderStats = { received: 0, lost: 0, reordered: 0, foreignSsrc: 0, late: 0, duplicates: 0 };
  private readonly window: number;
  /** The SSRC accepted: the one asked for, else the first one seen. */
  private ssrc: number | undefined;
  private readonly waiting = new Map<number, RtpPacket>();
  /** The sequence number handed on next; undefined before the first packet. */
  private next: number | undefined;
  /** How far ahead of `next` the furthest waiting packet is. */
  private furthest = 0;
  private lateInARow = 0;

  constructor(options: { ssrc?: number; window?: number } = {}) {
    this.ssrc = options.ssrc;
    this.window = Math.max(1, Math.min(options.window ?? DEFAULT_REORDER_WINDOW, HALF_SEQUENCE_SPACE - 1));
  }

  /** Takes one packet; returns the packets that are now in order. */
  push(packet: RtpPacket): RtpPacket[] {
    if (this.ssrc === undefined) this.ssrc = packet.ssrc;
    else if (packet.ssrc !== this.ssrc) {
      this.stats.foreignSsrc++;
      return [];
    }
    this.stats.received++;
    if (this.next === undefined) this.next = packet.sequence;

    const ahead = sequenceDistance(this.next, packet.sequence);
    if (ahead < 0) return this.takeLate(packet);
    this.lateInARow = 0;
    if (this.waiting.has(packet.sequence)) {
      this.stats.duplicates++;
      return [];
    }
    if (ahead < this.furthest) this.stats.reordered++;
    const out: RtpPacket[] = [];
    // Too far ahead for the window: give up on the oldest gaps until it fits.
    if (ahead >= this.window) this.skip(ahead - this.window + 1, out);
    this.waiting.set(packet.sequence, packet);
    this.furthest = Math.max(this.furthest, sequenceDistance(this.next, packet.sequence));
    this.drain(out);
    return out;
  }

  /** Hands on everything waiting, in order, counting the gaps as lost. */
  flush(): RtpPacket[] {
    const out: RtpPacket[] = [];
    if (this.next !== undefined && this.waiting.size > 0) this.skip(this.furthest, out);
    this.drain(out);
    return out;
  }

  private takeLate(packet: RtpPacket): RtpPacket[] {
    this.stats.late++;
    // A window's worth of "late" packets in a row is a sender that restarted its sequence: follow it.
    if (++this.lateInARow < this.window) return [];
    const out = this.flush();
    this.next = packet.sequence;
    this.furthest = 0;
    this.lateInARow = 0;
    this.waiting.set(packet.sequence, packet);
    this.drain(out);
    return out;
  }

  /** Moves `next` forward by `count`, handing on what waits there and counting what does not as lost. */
  private skip(count: number, out: RtpPacket[]): void {
    for (let step = 0; step < count; step++) {
      const packet = this.waiting.get(this.next!);
      if (packet) {
        this.waiting.delete(this.next!);
        out.push(packet);
      } else this.stats.lost++;
      this.advance();
    }
  }

  private drain(out: RtpPacket[]): void {
    for (let packet = this.waiting.get(this.next!); packet; packet = this.waiting.get(this.next!)) {
      this.waiting.delete(this.next!);
      out.push(packet);
      this.advance();
    }
  }

  private advance(): void {
    this.next = (this.next! + 1) & 0xffff;
    this.furthest = Math.max(0, this.furthest - 1);
  }
}
