// A Socket.IO client for tests that records every event it receives and can wait for them.
import { io, type Socket } from 'socket.io-client';

export interface ReceivedEvent {
  seq: number;
  type: string;
  subject: { type: string; id: string };
  data: Record<string, unknown>;
}

export class TestSocket {
  readonly events: ReceivedEvent[] = [];
  readonly socket: Socket;
  lastSeq: number;
  readyCount = 0;
  resyncs: number[] = [];
  connectError: Error | undefined;

  constructor(url: string, token: string, since?: number, options: { reconnection?: boolean; headers?: Record<string, string> } = {}) {
    this.lastSeq = since ?? -1;
    this.socket = io(url, {
      transports: ['websocket'],
      ...(options.headers ? { extraHeaders: options.headers } : {}),
      reconnection: options.reconnection ?? true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 500,
      // Sent on every (re)connection: resume after the last event seen.
      auth: (cb) => cb(this.lastSeq >= 0 ? { token, since: this.lastSeq } : { token }),
    });
    this.socket.on('events', (events: ReceivedEvent[]) => {
      for (const event of events) {
        this.events.push(event);
        this.lastSeq = Math.max(this.lastSeq, event.seq);
      }
    });
    // The server cannot replay from where this client thinks it is: start from the server's position.
    this.socket.on('resync', (info: { seq: number }) => {
      this.resyncs.push(info.seq);
      this.lastSeq = info.seq;
    });
    this.socket.on('ready', (info: { seq: number }) => {
      this.readyCount += 1;
      this.lastSeq = Math.max(this.lastSeq, info.seq);
    });
    this.socket.on('connect_error', (error) => {
      this.connectError = error;
    });
  }

  async ready(count = 1, timeoutMs = 10_000): Promise<void> {
    await waitUntil(() => this.readyCount >= count, timeoutMs, 'socket ready');
  }

  async waitForEvents(predicate: (events: ReceivedEvent[]) => boolean, timeoutMs = 10_000): Promise<void> {
    await waitUntil(() => predicate(this.events), timeoutMs, 'socket events');
  }

  close(): void {
    this.socket.close();
  }
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
