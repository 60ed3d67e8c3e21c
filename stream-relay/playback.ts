// Playback of a time range as one MPEG-TS resource: the byte concatenation of its segments, read from disk
// as it is sent (never whole into memory), with single byte ranges so a player can seek.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { TS_PACKET_SIZE } from './ts-packets';

export interface PlaybackPart {
  file: string;
  /** Bytes of the file that belong to the resource (whole packets, as the file stood when the request came). */
  bytes: number;
}

/** An inclusive byte range. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Whole TS packets only: the newest segment is still being written and may end inside a packet. */
export const wholePackets = (bytes: number) => bytes - (bytes % TS_PACKET_SIZE);

/**
 * The range a `Range` header asks for: null for the whole resource (no header, or one this server may ignore
 * such as several ranges), 'unsatisfiable' when it lies beyond the end.
 */
export function parseByteRange(header: string | undefined, total: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || total === 0) return 'unsatisfiable';
    return { start: Math.max(0, total - suffix), end: total - 1 };
  }
  const start = Number(first);
  const end = last === '' ? total - 1 : Math.min(Number(last), total - 1);
  if (start >= total || end < start) return 'unsatisfiable';
  return { start, end };
}

/** The bytes [range.start, range.end] of the parts laid end to end, streamed file after file. */
export function concatenatedStream(parts: PlaybackPart[], range: ByteRange): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    let partStart = 0;
    for (const part of parts) {
      const partEnd = partStart + part.bytes - 1;
      if (part.bytes > 0 && partEnd >= range.start && partStart <= range.end) {
        const from = Math.max(range.start, partStart) - partStart;
        const to = Math.min(range.end, partEnd) - partStart;
        for await (const chunk of createReadStream(part.file, { start: from, end: to, highWaterMark: 64 * 1024 })) {
          yield chunk as Buffer;
        }
      }
      partStart += part.bytes;
      if (partStart > range.end) return;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
