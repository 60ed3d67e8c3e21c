// Wraps one video frame in an MPEG-2 Program Stream pack, as a GB/T 28181 device sends it: a pack header, on
// keyframes a system header and a program stream map, then the frame in PES packets of at most 65535 bytes.
import type { EsFrame } from './es-frame';
import { MAX_PES_PACKET_LENGTH, PACK_START, PROGRAM_STREAM_MAP, streamTypeOf, SYSTEM_HEADER, VIDEO_STREAM_FIRST } from './ps-codes';

const PTS_MODULUS = 2 ** 33;
/** program_mux_rate and rate_bound, in units of 50 bytes/s: 10 Mbit/s, more than a camera's main stream. */
const MUX_RATE = 25_000;
/** P-STD buffer size bound for the video stream, in units of 1024 bytes. */
const VIDEO_BUFFER_KIB = 1024;
const PTS_DTS_HEADER_BYTES = 10;

export interface MuxOptions {
  /** System header and program stream map in front of the frame; default: on keyframes. */
  withHeaders?: boolean;
}

export function muxPs(frame: EsFrame & { pts: number }, options: MuxOptions = {}): Buffer {
  const pts = ((Math.floor(frame.pts) % PTS_MODULUS) + PTS_MODULUS) % PTS_MODULUS;
  const parts = [packHeader(pts)];
  if (options.withHeaders ?? frame.keyframe) parts.push(systemHeader(), programStreamMap(streamTypeOf(frame.codec)));
  let offset = 0;
  do {
    const headerBytes = offset === 0 ? PTS_DTS_HEADER_BYTES : 0;
    const room = MAX_PES_PACKET_LENGTH - 3 - headerBytes;
    const payload = frame.data.subarray(offset, offset + room);
    parts.push(pesHeader(payload.length, offset === 0 ? pts : undefined), payload);
    offset += payload.length;
  } while (offset < frame.data.length);
  return Buffer.concat(parts);
}

function startCode(id: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  out[2] = 1;
  out[3] = id;
  return out;
}

/** Bits 32..n of a 33-bit value (JavaScript's shifts are 32-bit). */
function high(value: number, shift: number): number {
  return Math.floor(value / 2 ** shift);
}

function packHeader(scr: number): Buffer {
  const out = startCode(PACK_START, 14);
  out[4] = 0x44 | ((high(scr, 30) & 0x07) << 3) | (high(scr, 28) & 0x03);
  out[5] = high(scr, 20) & 0xff;
  out[6] = (((scr >>> 15) & 0x1f) << 3) | 0x04 | ((scr >>> 13) & 0x03);
  out[7] = (scr >>> 5) & 0xff;
  out[8] = ((scr & 0x1f) << 3) | 0x04; // SCR extension 0
  out[9] = 0x01;
  out[10] = (MUX_RATE >> 14) & 0xff;
  out[11] = (MUX_RATE >> 6) & 0xff;
  out[12] = ((MUX_RATE & 0x3f) << 2) | 0x03;
  out[13] = 0xf8; // no stuffing
  return out;
}

function systemHeader(): Buffer {
  const out = startCode(SYSTEM_HEADER, 15);
  out.writeUInt16BE(out.length - 6, 4);
  out[6] = 0x80 | ((MUX_RATE >> 15) & 0x7f);
  out[7] = (MUX_RATE >> 7) & 0xff;
  out[8] = ((MUX_RATE & 0x7f) << 1) | 0x01;
  out[9] = 0x00; // audio_bound 0, not fixed, not CSPS
  out[10] = 0xe1; // audio and video locked, marker, video_bound 1
  out[11] = 0x7f;
  out[12] = VIDEO_STREAM_FIRST;
  out[13] = 0xe0 | ((VIDEO_BUFFER_KIB >> 8) & 0x1f); // '11', buffer bound scale 1 (KiB)
  out[14] = VIDEO_BUFFER_KIB & 0xff;
  return out;
}

function programStreamMap(streamType: number): Buffer {
  const out = startCode(PROGRAM_STREAM_MAP, 24);
  out.writeUInt16BE(out.length - 6, 4);
  out[6] = 0xe0; // current, version 0
  out[7] = 0xff;
  out.writeUInt16BE(0, 8); // program_stream_info_length
  out.writeUInt16BE(4, 10); // elementary_stream_map_length: one entry
  out[12] = streamType;
  out[13] = VIDEO_STREAM_FIRST;
  out.writeUInt16BE(0, 14);
  out.writeUInt32BE(crc32Mpeg(out.subarray(0, 20)), 20);
  return out;
}

function pesHeader(payloadBytes: number, pts: number | undefined): Buffer {
  const headerBytes = pts === undefined ? 0 : PTS_DTS_HEADER_BYTES;
  const out = startCode(VIDEO_STREAM_FIRST, 9 + headerBytes);
  out.writeUInt16BE(3 + headerBytes + payloadBytes, 4);
  out[6] = pts === undefined ? 0x80 : 0x84; // '10', data_alignment on the frame's first PES
  out[7] = pts === undefined ? 0x00 : 0xc0; // PTS and DTS
  out[8] = headerBytes;
  if (pts !== undefined) {
    writeTimestamp(out, 9, 0x3, pts);
    writeTimestamp(out, 14, 0x1, pts); // no B-frames: DTS = PTS
  }
  return out;
}

function writeTimestamp(out: Buffer, at: number, prefix: number, value: number): void {
  out[at] = (prefix << 4) | ((high(value, 30) & 0x07) << 1) | 0x01;
  out[at + 1] = high(value, 22) & 0xff;
  out[at + 2] = (((value >>> 15) & 0x7f) << 1) | 0x01;
  out[at + 3] = (value >>> 7) & 0xff;
  out[at + 4] = ((value & 0x7f) << 1) | 0x01;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let crc = index << 24;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  return crc >>> 0;
});

/** CRC-32/MPEG-2, which a program stream map ends with. */
function crc32Mpeg(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  return crc;
}
