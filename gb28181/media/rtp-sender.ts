// Sends RTP/PS to a receiver: over UDP, over TCP connecting out (`tcp-active`), or over TCP waiting for the
// receiver to connect (`listen`, SDP `a=setup:passive` on our side). TCP packets carry RFC 4571 lengths. A slow
// TCP receiver is not allowed to grow our memory: past a queue limit packets are dropped and counted.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { frameForTcp } from './rtp-tcp';

export type RtpSendTransport = 'udp' | 'tcp-active';

export interface RtpSenderStats {
  packets: number;
  bytes: number;
  /** Packets dropped: the TCP queue was full, or nobody had connected yet. */
  dropped: number;
}

type SenderEvents = {
  /** The TCP queue has room again. */
  drain: [];
  /** The connection ended (the receiver hung up) or the sender was closed. */
  closed: [];
  error: [Error];
};

const DEFAULT_MAX_QUEUED_BYTES = 2 * 1024 * 1024;
const CONNECT_TIMEOUT_MS = 10_000;

export class RtpSender extends EventEmitter<SenderEvents> {
  readonly stats: RtpSenderStats = { packets: 0, bytes: 0, dropped: 0 };
  private udp: UdpSocket | undefined;
  private tcp: Socket | undefined;
  private server: Server | undefined;
  private isClosed = false;

  private constructor(private readonly maxQueuedBytes: number) {
    super();
  }

  static async connect(options: { transport: RtpSendTransport; host: string; port: number; maxQueuedBytes?: number }): Promise<RtpSender> {
    const sender = new RtpSender(options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES);
    if (options.transport === 'udp') await sender.connectUdp(options.host, options.port);
    else await sender.connectTcp(options.host, options.port);
    return sender;
  }

  /** Listens for the receiver's TCP connection; packets sent before it connects are dropped. */
  static async listen(options: { host: string; port: number; maxQueuedBytes?: number }): Promise<RtpSender> {
    const sender = new RtpSender(options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES);
    await sender.listenTcp(options.host, options.port);
    return sender;
  }

  /** The listening port (`listen`), else the local port packets leave from. */
  get port(): number {
    const address = (this.server?.address() as AddressInfo | null) ?? this.udp?.address() ?? this.tcp?.address();
    return (address as AddressInfo | undefined)?.port ?? 0;
  }

  get connected(): boolean {
    return !this.isClosed && (this.udp !== undefined || (this.tcp !== undefined && !this.tcp.destroyed));
  }

  /** Sends one RTP packet; false when it was dropped or the TCP queue is past its limit (wait for `drain`). */
  send(packet: Buffer): boolean {
    if (this.isClosed) return false;
    if (this.udp) {
      this.udp.send(packet);
      this.count(packet);
      return true;
    }
    const socket = this.tcp;
    if (!socket || socket.destroyed || socket.writableLength > this.maxQueuedBytes) {
      this.stats.dropped++;
      return false;
    }
    this.count(packet);
    return socket.write(frameForTcp(packet));
  }

  /** Closes after what is queued has been sent (TCP); `close` drops the queue. */
  end(): void {
    if (this.isClosed) return;
    const socket = this.tcp;
    if (!socket || socket.destroyed) return this.close();
    this.isClosed = true;
    this.server?.close();
    socket.end(() => {
      socket.destroy();
      this.emit('closed');
    });
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.udp?.close();
    this.tcp?.destroy();
    this.server?.close();
    this.emit('closed');
  }

  private count(packet: Buffer): void {
    this.stats.packets++;
    this.stats.bytes += packet.length;
  }

  private connectUdp(host: string, port: number): Promise<void> {
    const socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4' });
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.connect(port, host, () => {
        socket.off('error', reject);
        // An ICMP "port unreachable" (nobody listening yet) surfaces as an error on a connected socket.
        socket.on('error', (error) => this.report(error));
        this.udp = socket;
        resolve();
      });
    });
  }

  private connectTcp(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port, timeout: CONNECT_TIMEOUT_MS });
      const fail = (error: Error) => {
        socket.destroy();
        reject(error);
      };
      socket.once('error', fail);
      socket.once('timeout', () => fail(new Error(`media connection to ${host}:${port} timed out`)));
      socket.once('connect', () => {
        socket.off('error', fail);
        socket.setTimeout(0);
        this.adopt(socket);
        resolve();
      });
    });
  }

  private listenTcp(host: string, port: number): Promise<void> {
    const server = createServer((socket) => {
      // The first connection is the receiver; anyone after it is turned away.
      if (this.tcp || this.isClosed) socket.destroy();
      else this.adopt(socket);
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        server.on('error', (error) => this.report(error));
        resolve();
      });
    });
  }

  private adopt(socket: Socket): void {
    this.tcp = socket;
    socket.setNoDelay(true);
    socket.on('drain', () => this.emit('drain'));
    socket.on('error', (error) => this.report(error));
    // The receiver sends nothing; reading keeps a FIN from it noticed.
    socket.on('data', () => undefined);
    socket.on('close', () => {
      if (!this.isClosed) this.close();
    });
  }

  private report(error: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}
