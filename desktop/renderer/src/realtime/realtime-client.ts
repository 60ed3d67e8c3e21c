// One Socket.IO connection per window, shared by every view. It sends the last sequence it saw on each
// (re)connect, so a screen that lost the server for a minute — or across a server restart — receives what
// it missed, in order, and never the same event twice. Views read it through useSyncExternalStore.
// The resume point is the server's head as of the first `ready`, even when that is 0 (an empty event log):
// a screen that has seen no event yet still gets those written while it was away.
import { io, type Socket } from 'socket.io-client';
import type { EventMessage } from '../api/types';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'unauthenticated';

export interface RealtimeSnapshot {
  state: ConnectionState;
  /** The last sequence number received. */
  seq: number;
  /** Bumped when the server says the backlog is too long to replay: views reload their data. */
  resyncs: number;
}

type Listener = () => void;
type EventHandler = (events: EventMessage[]) => void;

const SEQ_KEY = 'cc.realtime.seq';

/** Where to connect: the page's own origin and cookie by default; a URL and a bearer token elsewhere. */
export interface RealtimeConnection {
  url?: string;
  token?: string;
}

export class RealtimeClient {
  private socket: Socket | null = null;
  private snapshot: RealtimeSnapshot;
  /** Has a resume point: a `ready` was received (in this tab's session) since the log began. */
  private resumable: boolean;
  private readonly listeners = new Set<Listener>();
  private readonly handlers = new Set<EventHandler>();

  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'>,
    private readonly connection: RealtimeConnection = {},
  ) {
    const stored = storage.getItem(SEQ_KEY);
    const seq = Number(stored ?? 0);
    this.resumable = stored !== null && Number.isInteger(seq) && seq >= 0;
    this.snapshot = { state: 'connecting', seq: this.resumable ? seq : 0, resyncs: 0 };
  }

  start(): void {
    if (this.socket) return;
    const options = {
      // `since` is read at every attempt, so a reconnect resumes from the newest event seen.
      auth: (cb: (auth: object) => void) =>
        cb({
          ...(this.connection.token ? { token: this.connection.token } : {}),
          ...(this.resumable ? { since: this.snapshot.seq } : {}),
        }),
      withCredentials: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
      transports: ['websocket', 'polling'],
    };
    const socket = this.connection.url ? io(this.connection.url, options) : io(options);
    this.socket = socket;
    socket.on('events', (events: EventMessage[]) => this.receive(events));
    socket.on('ready', (ready: { seq: number }) => {
      if (ready.seq > this.snapshot.seq || !this.resumable) this.setSeq(Math.max(ready.seq, this.snapshot.seq));
      this.update({ state: 'live' });
    });
    socket.on('resync', (resync: { seq: number }) => {
      this.setSeq(resync.seq);
      this.update({ resyncs: this.snapshot.resyncs + 1 });
    });
    socket.on('disconnect', () => this.update({ state: 'reconnecting' }));
    socket.on('connect_error', (error: Error) => {
      if (error.message === 'unauthenticated') {
        this.update({ state: 'unauthenticated' });
        socket.disconnect();
      } else this.update({ state: 'reconnecting' });
    });
  }

  stop(): void {
    this.socket?.disconnect();
    this.socket = null;
    this.update({ state: 'connecting' });
  }

  /** Reconnects after a new login (the cookie changed). */
  restart(): void {
    this.stop();
    this.start();
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RealtimeSnapshot => this.snapshot;

  onEvents(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  private receive(events: EventMessage[]): void {
    const fresh = events.filter((event) => event.seq > this.snapshot.seq);
    if (fresh.length === 0) return;
    this.setSeq(fresh.at(-1)!.seq);
    for (const handler of this.handlers) handler(fresh);
  }

  private setSeq(seq: number): void {
    this.resumable = true;
    this.storage.setItem(SEQ_KEY, String(seq));
    this.update({ seq });
  }

  private update(change: Partial<RealtimeSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}
