// SIP over UDP and TCP on one port. Every message is reported with the address it really came from, and
// replies go there: a device behind NAT is reachable only at the source address and port of its packets,
// and over TCP only on the connection it opened itself (our connecting to it would be refused by its NAT).
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { parseSipMessage, serializeSipMessage, SipParseError, type SipMessage } from './message';
import { SipStreamFramer } from './tcp-framer';

export interface SipPeer {
  transport: 'udp' | 'tcp';
  address: string;
  port: number;
}

export interface SipTransportOptions {
  host: string;
  /** 0: any free port (the same one for UDP and TCP). */
  port: number;
  udp?: boolean;
  tcp?: boolean;
  /** Most TCP connections held at once; further ones are refused (a flood must not exhaust file descriptors). */
  maxConnections?: number;
}

type TransportEvents = {
  message: [SipMessage, SipPeer];
  /** Something went wrong that the process survives (a malformed message, a failed connection); never thrown. */
  error: [Error];
};

const peerKey = (address: string, port: number) => `${address}|${port}`;
// An idle TCP connection is closed after this long; a device keeps its own alive with keepalive MESSAGEs.
const TCP_IDLE_MS = 10 * 60_000;
const PORT_ATTEMPTS = 20;

export class SipTransport extends EventEmitter<TransportEvents> {
  private readonly connections = new Map<string, Socket>();
  private closed = false;

  private constructor(
    readonly port: number,
    private readonly udp: UdpSocket | null,
    private readonly tcp: Server | null,
  ) {
    super();
  }

  static async listen(options: SipTransportOptions): Promise<SipTransport> {
    const wantUdp = options.udp ?? true;
    const wantTcp = options.tcp ?? true;
    if (!wantUdp && !wantTcp) throw new Error('a SIP transport needs UDP or TCP');
    // With port 0 the UDP port is picked first and TCP must get the same one; another process may hold it, so try again.
    for (let attempt = 1; ; attempt++) {
      const udp = wantUdp ? await bindUdp(options.host, options.port) : null;
      const port = udp ? udp.address().port : options.port;
      try {
        const tcp = wantTcp ? await listenTcp(options.host, port) : null;
        const transport = new SipTransport(tcp && !udp ? (tcp.address() as { port: number }).port : port, udp, tcp);
        transport.attach(options.maxConnections ?? 50_000);
        return transport;
      } catch (error) {
        udp?.close();
        const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
        if (!inUse || options.port !== 0 || attempt >= PORT_ATTEMPTS) throw error;
      }
    }
  }

  private attach(maxConnections: number): void {
    this.udp?.on('message', (datagram, remote) => {
      const peer: SipPeer = { transport: 'udp', address: remote.address, port: remote.port };
      // CRLF keepalives and stray bytes are not messages; only something that looks like one is reported.
      if (datagram.length <= 4 && datagram.toString('latin1').trim() === '') return;
      let message: SipMessage;
      try {
        message = parseSipMessage(datagram);
      } catch (error) {
        this.report(error instanceof SipParseError ? malformedFrom(peer, error) : (error as Error));
        return;
      }
      this.emit('message', message, peer);
    });
    this.udp?.on('error', (error) => this.report(error));
    if (this.tcp) {
      this.tcp.maxConnections = maxConnections;
      this.tcp.on('connection', (socket) => this.adopt(socket));
      this.tcp.on('error', (error) => this.report(error));
    }
  }

  /** Reads messages from a connection (one a peer opened, or one we opened) and keeps it for replies. */
  private adopt(socket: Socket, dialled?: SipPeer): void {
    const address = dialled?.address ?? socket.remoteAddress;
    const port = dialled?.port ?? socket.remotePort;
    if (address === undefined || port === undefined) {
      socket.destroy();
      return;
    }
    const key = peerKey(address, port);
    const peer: SipPeer = { transport: 'tcp', address, port };
    this.connections.set(key, socket);
    const framer = new SipStreamFramer();
    socket.setNoDelay(true);
    socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
    socket.on('data', (chunk) => {
      let messages: SipMessage[];
      try {
        messages = framer.push(chunk);
      } catch (error) {
        this.report(malformedFrom(peer, error as SipParseError));
        socket.destroy();
        return;
      }
      for (const message of messages) this.emit('message', message, peer);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (this.connections.get(key) === socket) this.connections.delete(key);
    });
  }

  /** Sends to a peer: UDP to its source address; TCP on the connection it opened, else on a new one we open. */
  send(message: SipMessage, peer: SipPeer): void {
    if (this.closed) return;
    const bytes = serializeSipMessage(message);
    if (peer.transport === 'udp') {
      if (!this.udp) throw new Error('this SIP transport has no UDP socket');
      this.udp.send(bytes, peer.port, peer.address, (error) => {
        if (error) this.report(error);
      });
      return;
    }
    const key = peerKey(peer.address, peer.port);
    let socket = this.connections.get(key);
    if (!socket || socket.destroyed) {
      socket = connect({ host: peer.address, port: peer.port });
      const opened = socket;
      this.connections.set(key, opened);
      opened.once('connect', () => this.adopt(opened, peer));
      opened.once('error', (error) => {
        if (this.connections.get(key) === opened) this.connections.delete(key);
        this.report(new Error(`SIP over TCP to ${peer.address}:${peer.port} failed: ${error.message}`));
      });
    }
    socket.write(bytes);
  }

  /** Whether a TCP connection with this peer is open (a device on TCP is reachable only while it is). */
  hasConnection(peer: SipPeer): boolean {
    const socket = this.connections.get(peerKey(peer.address, peer.port));
    return socket !== undefined && !socket.destroyed;
  }

  private report(error: Error): void {
    // An EventEmitter throws an unheard 'error'; a bad packet must never take the process down.
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const socket of this.connections.values()) socket.destroy();
    this.connections.clear();
    await Promise.all([
      this.udp && new Promise<void>((resolve) => this.udp!.close(() => resolve())),
      this.tcp && new Promise<void>((resolve) => this.tcp!.close(() => resolve())),
    ]);
  }
}

function malformedFrom(peer: SipPeer, error: Error): Error {
  return new SipParseError(`malformed SIP from ${peer.transport}:${peer.address}:${peer.port}: ${error.message}`);
}

function bindUdp(host: string, port: number): Promise<UdpSocket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr: false });
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

function listenTcp(host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
