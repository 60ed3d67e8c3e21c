// Receives a device's RTP/PS stream on one port and hands on its video frames: over UDP, or over TCP with the
// device connecting out to us (SDP `a=setup:passive`, what works through the device's NAT). Packets of another
// SSRC are dropped, UDP packets put back in order, the PS demultiplexed. Nothing a peer sends can throw out of
// it: bad packets are counted, a connection whose framing is lost is closed.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { EsFrame } from './es-frame';
import type { MediaLog } from './media-log';
import { PsDemuxer, type PsDemuxStats } from './ps-demux';
import { parseRtp, RtpParseError } from './rtp';
import { RtpReorderBuffer, type RtpReorderStats } from './rtp-reorder';
import { RtpTcpDeframer } from './rtp-tcp';

export type RtpReceiveTransport = 'udp' | 'tcp-passive';

export interface RtpReceiverOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  transport: RtpReceiveTransport;
  /** The SSRC the device was told (SDP `y=`); without it the first packet's SSRC is kept. */
  ssrc?: number;
  /** Packets waited for before a gap counts as lost (UDP). */
  reorderWindow?: number;
  log?: MediaLog;
}

export interface MediaPeer {
  address: string;
  port: number;
}

export interface RtpReceiverStats {
  packets: number;
  bytes: number;
  /** Datagrams or TCP frames that were not RTP. */
  badPackets: number;
  /** TCP connections closed because their bytes were not RFC 4571 RTP. */
  framingErrors: number;
  connections: number;
  reorder: RtpReorderStats;
  demux: PsDemuxStats;
}

type ReceiverEvents = {
  frame: [EsFrame];
  /** The first packet (UDP) or a device's TCP connection. */
  connected: [MediaPeer];
  /** A TCP connection ended. */
  disconnected: [MediaPeer];
  /** The receiver closed: close() was called, or the device's TCP connection ended (the stream is over). */
  closed: [];
  /** A socket failed; the receiver carries on (or has closed, for a listening socket). Never thrown. */
  error: [Error];
};

const UDP_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

export class RtpReceiver extends EventEmitter<ReceiverEvents> {
  readonly stats: RtpReceiverStats;
  private readonly reorder: RtpReorderBuffer;
  private readonly demuxer = new PsDemuxer();
  private udp: UdpSocket | undefined;
  private server: Server | undefined;
  private connection: Socket | undefined;
  private udpPeer: MediaPeer | undefined;
  private isClosed = false;

  private constructor(
    readonly transport: RtpReceiveTransport,
    private readonly options: RtpReceiverOptions,
  ) {
    super();
    this.reorder = new RtpReorderBuffer({ ssrc: options.ssrc, window: options.reorderWindow });
    this.stats = {
      packets: 0,
      bytes: 0,
      badPackets: 0,
      framingErrors: 0,
      connections: 0,
      reorder: this.reorder.stats,
      demux: this.demuxer.stats,
    };
  }

  static async open(options: RtpReceiverOptions): Promise<RtpReceiver> {
    const receiver = new RtpReceiver(options.transport, options);
    if (options.transport === 'udp') await receiver.listenUdp();
    else await receiver.listenTcp();
    return receiver;
  }

  get port(): number {
    const address = this.udp ? this.udp.address() : (this.server?.address() as AddressInfo | null);
    return address?.port ?? 0;
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.udp?.close();
    this.connection?.destroy();
    this.server?.close();
    this.deliver(this.reorder.flush());
    this.emitFrames(this.demuxer.flush());
    this.emit('closed');
  }

  private listenUdp(): Promise<void> {
    const socket = createSocket({ type: this.options.host.includes(':') ? 'udp6' : 'udp4' });
    this.udp = socket;
    socket.on('message', (datagram, from) => {
      if (!this.udpPeer) {
        this.udpPeer = { address: from.address, port: from.port };
        this.stats.connections++;
        this.emit('connected', this.udpPeer);
      }
      this.receivePacket(datagram);
    });
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.options.port, this.options.host, () => {
        socket.off('error', reject);
        socket.on('error', (error) => this.report(error));
        try {
          socket.setRecvBufferSize(UDP_RECEIVE_BUFFER_BYTES);
        } catch {
          // The kernel's limit (net.core.rmem_max) is lower: the default buffer serves.
        }
        resolve();
      });
    });
  }

  private listenTcp(): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        server.on('error', (error) => this.report(error));
        resolve();
      });
    });
  }

  /**
   * One device connection at a time; a new one replaces the old (a device that reconnects after a network
   * drop). When the device's connection ends (one that carried RTP of the SSRC), the stream is over
   * (`a=connection:new`: one connection per session) and the receiver closes; a connection that never carried
   * any (a port scan, garbage) is just dropped.
   */
  private accept(socket: Socket): void {
    const peer = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
    if (this.connection) {
      this.options.log?.info({ peer }, 'a new media connection replaces the current one');
      this.connection.destroy();
    }
    this.connection = socket;
    this.stats.connections++;
    socket.setNoDelay(true);
    const deframer = new RtpTcpDeframer();
    const receivedBefore = this.stats.reorder.received;
    socket.on('data', (chunk: Buffer) => {
      let packets: Buffer[];
      try {
        packets = deframer.push(chunk);
      } catch (error) {
        this.stats.framingErrors++;
        this.options.log?.warn({ peer, err: error }, 'media connection closed: not RFC 4571 RTP');
        socket.destroy();
        return;
      }
      for (const packet of packets) this.receivePacket(packet);
    });
    socket.on('error', (error) => this.report(error));
    socket.on('close', () => {
      if (this.connection !== socket) return;
      this.connection = undefined;
      if (this.isClosed) return;
      this.deliver(this.reorder.flush());
      this.emitFrames(this.demuxer.flush());
      this.emit('disconnected', peer);
      if (this.stats.reorder.received > receivedBefore) this.close();
    });
    this.emit('connected', peer);
  }

  private receivePacket(bytes: Buffer): void {
    if (this.isClosed) return;
    this.stats.bytes += bytes.length;
    let packet;
    try {
      packet = parseRtp(bytes);
    } catch (error) {
      if (!(error instanceof RtpParseError)) throw error;
      this.stats.badPackets++;
      return;
    }
    this.stats.packets++;
    this.deliver(this.reorder.push(packet));
  }

  private deliver(packets: { payload: Buffer }[]): void {
    for (const packet of packets) this.emitFrames(this.demuxer.push(packet.payload));
  }

  private emitFrames(frames: EsFrame[]): void {
    for (const frame of frames) this.emit('frame', frame);
  }

  private report(error: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
    else this.options.log?.warn({ err: error }, 'media socket error');
  }
}
