// GB/T 28181 media: what demultiplexing a device's PS over RTP costs per stream, against passing the same
// bytes through untouched, in the same run.
//  - demux: the bytes a device sends over TCP (RFC 4571), read in 64 KiB pieces as a socket delivers them →
//    RTP deframing → RTP parsing → reorder buffer → PS demuxer → H.264/H.265 access units. Over UDP the same,
//    one datagram at a time and without the deframer.
//  - passthrough: the same 64 KiB pieces copied on to an output buffer, untouched (what forwarding the bytes
//    would cost in this process, before any socket write).
// Streams: the `noise` clip (720p H.264 at its 4 Mbit/s cap) and the `hevc` clip (720p H.265), 10 s each,
// muxed and packetized as the simulated NVR sends them, looped. CPU is the process's user + system time.
// Run: npx tsx bench/gb-ps-demux.ts [--seconds=600] [--rounds=5]
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureClips, ensureH265Clips } from '../fixtures/media/clips';
import {
  frameForTcp,
  muxPs,
  packetizeRtp,
  parseRtp,
  PsDemuxer,
  RtpReorderBuffer,
  RtpTcpDeframer,
  splitAccessUnits,
  type VideoCodec,
} from '../gb28181/media';
import { argValue } from './support/args';

const VIDEO_SECONDS = Number(argValue('seconds', '600'));
const ROUNDS = Number(argValue('rounds', '5'));
const READ_BYTES = 64 * 1024;
const CLIP_SECONDS = 10;
const SSRC = 0x0108_0001;

interface Stream {
  name: string;
  codec: VideoCodec;
  frames: number;
  /** The clip's RTP packets, in order. */
  packets: Buffer[];
  /** The same packets as a TCP byte stream, cut into socket reads. */
  reads: Buffer[];
  bytes: number;
}

async function prepare(name: string, codec: VideoCodec, file: string): Promise<Stream> {
  const units = splitAccessUnits(codec, await readFile(file));
  let sequence = 0;
  const packets = units.flatMap((unit, index) => {
    const pts = index * 3600;
    const packetized = packetizeRtp(muxPs({ codec, ...unit, pts }), { ssrc: SSRC, sequence, timestamp: pts });
    sequence = packetized.nextSequence;
    return packetized.packets;
  });
  const tcp = Buffer.concat(packets.map(frameForTcp));
  const reads: Buffer[] = [];
  for (let offset = 0; offset < tcp.length; offset += READ_BYTES) reads.push(tcp.subarray(offset, offset + READ_BYTES));
  return { name, codec, frames: units.length, packets, reads, bytes: tcp.length };
}

/** CPU µs spent by `run` over `loops` passes of the clip. */
function cpuMicroseconds(loops: number, run: () => void): number {
  const start = process.cpuUsage();
  for (let loop = 0; loop < loops; loop++) run();
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

function demuxTcp(stream: Stream): () => void {
  return () => {
    const deframer = new RtpTcpDeframer();
    const reorder = new RtpReorderBuffer({ ssrc: SSRC });
    const demuxer = new PsDemuxer();
    let frames = 0;
    for (const read of stream.reads) {
      for (const bytes of deframer.push(read)) {
        for (const packet of reorder.push(parseRtp(bytes))) frames += demuxer.push(packet.payload).length;
      }
    }
    frames += demuxer.flush().length;
    if (frames !== stream.frames) throw new Error(`${stream.name}: ${frames} frames out of ${stream.frames}`);
  };
}

function demuxUdp(stream: Stream): () => void {
  return () => {
    const reorder = new RtpReorderBuffer({ ssrc: SSRC });
    const demuxer = new PsDemuxer();
    let frames = 0;
    for (const datagram of stream.packets) {
      for (const packet of reorder.push(parseRtp(datagram))) frames += demuxer.push(packet.payload).length;
    }
    frames += demuxer.flush().length;
    if (frames !== stream.frames) throw new Error(`${stream.name}: ${frames} frames out of ${stream.frames}`);
  };
}

function passthrough(stream: Stream): () => void {
  const output = Buffer.allocUnsafe(READ_BYTES);
  return () => {
    let bytes = 0;
    for (const read of stream.reads) bytes += read.copy(output, 0);
    if (bytes !== stream.bytes) throw new Error('passthrough lost bytes');
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const cache = path.join(os.tmpdir(), 'canteen-command-clips');
  const [h264, h265] = await Promise.all([ensureClips(cache), ensureH265Clips(cache)]);
  const streams = [await prepare('720p H.264 (noise)', 'h264', h264.noise), await prepare('720p H.265 (hevc)', 'h265', h265.hevc)];
  const loops = Math.max(1, Math.round(VIDEO_SECONDS / CLIP_SECONDS));
  console.log(
    `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}; ${loops * CLIP_SECONDS} s of video per measurement, median of ${ROUNDS}`,
  );
  console.log('| stream | Mbit/s | path | CPU µs per s of video | % of a core per stream | MB/s | × passthrough |');
  console.log('| --- | ---: | --- | ---: | ---: | ---: | ---: |');
  for (const stream of streams) {
    const paths = { 'demux (TCP, RFC 4571)': demuxTcp(stream), 'demux (UDP)': demuxUdp(stream), passthrough: passthrough(stream) };
    // Warm-up: the JIT compiles the hot loops before anything is measured.
    for (const run of Object.values(paths)) cpuMicroseconds(Math.min(loops, 5), run);
    const results = Object.fromEntries(
      Object.entries(paths).map(([name, run]) => {
        const rounds: number[] = [];
        for (let round = 0; round < ROUNDS; round++) rounds.push(cpuMicroseconds(loops, run));
        return [name, median(rounds) / (loops * CLIP_SECONDS)];
      }),
    );
    const mbits = (stream.bytes * 8) / CLIP_SECONDS / 1e6;
    for (const [name, perSecond] of Object.entries(results)) {
      const megabytesPerSecond = stream.bytes / CLIP_SECONDS / perSecond; // bytes per µs = MB/s
      console.log(
        `| ${stream.name} | ${mbits.toFixed(2)} | ${name} | ${perSecond.toFixed(0)} | ${(perSecond / 1e4).toFixed(3)}% | ${megabytesPerSecond.toFixed(0)} | ${(perSecond / results.passthrough!).toFixed(1)} |`,
      );
    }
  }
}

await main();
