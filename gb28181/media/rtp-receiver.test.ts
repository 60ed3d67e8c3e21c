// RtpSender → RtpReceiver over real sockets on localhost, UDP and TCP, and what a bad peer can do to a receiver.
import { fc, test } from '@fast-check/vitest';
import { connect, type Socket } from 'node:net';
import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import type { EsFrame } from './es-frame';
import { muxPs } from './ps-mux';
import { packetizeRtp } from './rtp-packetize';
import { RtpReceiver } from './rtp-receiver';
import { RtpSender } from './rtp-sender';
import { frameForTcp } from './rtp-tcp';
import { syntheticAccessUnit } from './testing/synthetic-frames';

const SSRC = 200_001;
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

function framesOf(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    codec: 'h264' as const,
    keyframe: index % 25 === 0,
    data: syntheticAccessUnit('h264', index % 25 === 0, Buffer.alloc(index % 25 === 0 ? 30_000 : 3000, (index % 200) + 1)),
    pts: index * 3600,
  }));
}

function rtpOf(frames: ReturnType<typeof framesOf>, ssrc = SSRC): Buffer[] {
  let sequence = 65_500; // wraps during the run
  return frames.flatMap((frame) => {
    const { packets, nextSequence } = packetizeRtp(muxPs(frame), { ssrc, sequence, timestamp: frame.pts });
    sequence = nextSequence;
    return packets;
  });
}

async function open(transport: 'udp' | 'tcp-passive', ssrc = SSRC) {
  const receiver = await RtpReceiver.open({ host: '127.0.0.1', port: 0, transport, ssrc });
  closers.push(() => receiver.close());
  const frames: EsFrame[] = [];
  receiver.on('frame', (frame) => frames.push(frame));
  return { receiver, frames };
}

/** Sends at a pace a loopback UDP socket buffer keeps up with. */
async function sendPaced(sender: RtpSender, packets: Buffer[]): Promise<void> {
  for (let index = 0; index < packets.length; index++) {
    if (!sender.send(packets[index]!)) await new Promise((resolve) => sender.once('drain', () => resolve(undefined)));
    if (index % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('RtpReceiver and RtpSender', () => {
  for (const transport of ['udp', 'tcp'] as const) {
    it(`carry 50 frames over ${transport}, whole and in order, across the sequence wrap`, async () => {
      const { receiver, frames } = await open(transport === 'udp' ? 'udp' : 'tcp-passive');
      const sender = await RtpSender.connect({
        transport: transport === 'udp' ? 'udp' : 'tcp-active',
        host: '127.0.0.1',
        port: receiver.port,
      });
      closers.push(() => sender.close());
      const sent = framesOf(50);
      // The last frame comes out when the next pack starts: one more is sent.
      await sendPaced(sender, rtpOf(framesOf(51)));
      await expect.poll(() => frames.length).toBeGreaterThanOrEqual(50);
      expect(frames.slice(0, 50).map((frame) => [frame.pts, frame.keyframe, frame.data.equals(sent[frame.pts! / 3600]!.data)])).toEqual(
        sent.map((frame) => [frame.pts, frame.keyframe, true]),
      );
      expect(receiver.stats.connections).toBe(1);
    });
  }

  it('over TCP passive, waits for the device to connect, drops a foreign SSRC, and closes with the last frames when it hangs up', async () => {
    const { receiver, frames } = await open('tcp-passive');
    const closed = new Promise<void>((resolve) => receiver.once('closed', resolve));
    const socket = await connectTo(receiver.port);
    for (const packet of rtpOf(framesOf(3), 999)) socket.write(frameForTcp(packet));
    for (const packet of rtpOf(framesOf(3))) socket.write(frameForTcp(packet));
    socket.end();
    await closed;
    expect(frames.map((frame) => frame.pts)).toEqual([0, 3600, 7200]);
    expect(receiver.stats.reorder.foreignSsrc).toBeGreaterThan(0);
  });

  it('survives garbage: hangs up on a TCP connection that is not RTP and takes the next one', async () => {
    const { receiver, frames } = await open('tcp-passive');
    const bad = await connectTo(receiver.port);
    const badClosed = new Promise((resolve) => bad.once('close', resolve));
    bad.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await badClosed;
    expect(receiver.stats.framingErrors).toBe(1);
    expect(receiver.listenerCount('frame')).toBe(1);
    const good = await connectTo(receiver.port);
    const closed = new Promise<void>((resolve) => receiver.once('closed', resolve));
    for (const packet of rtpOf(framesOf(2))) good.write(frameForTcp(packet));
    good.end();
    await closed;
    expect(frames).toHaveLength(2);
  });

  it('survives garbage datagrams over UDP and still takes the stream', async () => {
    const { receiver, frames } = await open('udp');
    const socket = createSocket('udp4');
    closers.push(() => socket.close());
    const sendDatagram = (bytes: Buffer) => new Promise((resolve) => socket.send(bytes, receiver.port, '127.0.0.1', resolve));
    for (const bytes of [Buffer.from('hello'), Buffer.alloc(0), Buffer.alloc(1400, 0xff)]) await sendDatagram(bytes);
    for (const packet of rtpOf(framesOf(3))) await sendDatagram(packet);
    await expect.poll(() => frames.length).toBe(2);
    expect(receiver.stats.badPackets).toBe(3);
  });

  it('a listening sender waits for the receiver to connect to it, and says when it hangs up', async () => {
    const sender = await RtpSender.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => sender.close());
    expect(sender.send(rtpOf(framesOf(1))[0]!)).toBe(false);
    const socket = await connectTo(sender.port);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    await expect.poll(() => sender.connected).toBe(true);
    const packets = rtpOf(framesOf(2));
    for (const packet of packets) sender.send(packet);
    await expect.poll(() => Buffer.concat(received).length).toBe(packets.reduce((sum, packet) => sum + 2 + packet.length, 0));
    const closed = new Promise<void>((resolve) => sender.once('closed', resolve));
    socket.destroy();
    await closed;
    expect(sender.stats).toMatchObject({ packets: packets.length, dropped: 1 });
  });

  it('a TCP sender drops packets instead of queueing without bound when the receiver stops reading', async () => {
    const { receiver } = await open('tcp-passive');
    receiver.on('connected', () => undefined);
    // A receiver that never reads: a plain server that pauses its socket.
    const { createServer } = await import('node:net');
    const server = createServer((socket) => socket.pause());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    const port = (server.address() as { port: number }).port;
    const sender = await RtpSender.connect({ transport: 'tcp-active', host: '127.0.0.1', port, maxQueuedBytes: 256 * 1024 });
    closers.push(() => sender.close());
    const packet = rtpOf(framesOf(1))[0]!;
    for (let index = 0; index < 20_000; index++) sender.send(packet);
    expect(sender.stats.dropped).toBeGreaterThan(0);
  });
});

function connectTo(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.on('error', reject);
    closers.push(() => socket.destroy());
  });
}

describe('RtpReceiver (fuzzed, real sockets)', () => {
  const bytes = fc.array(fc.oneof(fc.uint8Array({ maxLength: 3000 }), fc.constant(rtpOf(framesOf(1))[0]!)), { maxLength: 20 });

  test.prop([bytes], { numRuns: 25 })('takes arbitrary datagrams without throwing, and then still the stream', async (datagrams) => {
    const { receiver, frames } = await open('udp');
    const socket = createSocket('udp4');
    try {
      const sendDatagram = (datagram: Uint8Array) => new Promise((resolve) => socket.send(datagram, receiver.port, '127.0.0.1', resolve));
      for (const datagram of datagrams) await sendDatagram(datagram);
      const before = frames.length;
      for (const packet of rtpOf(framesOf(3))) await sendDatagram(packet);
      await expect.poll(() => frames.length).toBeGreaterThan(before);
    } finally {
      socket.close();
      receiver.close();
    }
  });

  test.prop([bytes], { numRuns: 25 })(
    'takes an arbitrary TCP byte stream without throwing, and then the next connection',
    async (chunks) => {
      const { receiver, frames } = await open('tcp-passive');
      try {
        const junk = await connectTo(receiver.port);
        const junkClosed = new Promise((resolve) => junk.once('close', resolve));
        for (const chunk of chunks) junk.write(chunk);
        junk.end();
        await junkClosed;
        if (receiver.stats.reorder.received > 0) return; // the junk carried RTP: it was the device, and the stream is over
        const device = await connectTo(receiver.port);
        for (const packet of rtpOf(framesOf(3))) device.write(frameForTcp(packet));
        device.end();
        await expect.poll(() => frames.length).toBe(3);
      } finally {
        receiver.close();
      }
    },
  );
});
