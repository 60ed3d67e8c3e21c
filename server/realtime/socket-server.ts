// Socket.IO on the HTTP server's port. A socket authenticates with the same bearer token or session cookie
// as the HTTP API, sends `{ since }` with the last sequence number it saw, receives every event of its scope
// after that in order, then live ones. Delivery is exactly once: while a socket catches up from the database
// it is not yet live, and the events the pump passes on meanwhile are buffered for it.
//
// Events travel as 'events' messages holding arrays: each socket gets, per batch the pump passes on, one
// message with the events of its audience — at hundreds of alerts a second the socket writes, not the
// events, are what costs.
import type { Server as HttpServer } from 'node:http';
import { parse as parseCookie } from 'cookie';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { DomainContext } from '../context';
import { audienceOf, type ScopedActor } from '../policy/actor';
import { missedPrunedEvents } from '../retention/event-horizon';
import { readEvents, toMessage, type EventRecord } from './event-log';
import { EventPump } from './event-pump';
import { actorRoom, sessionRoom } from './rooms';

export const SESSION_COOKIE = 'cc_session';
/**
 * A client further behind than this, or behind what retention has pruned, is told to reload its state instead
 * of replaying the backlog.
 */
const REPLAY_LIMIT = 5000;
const REPLAY_BATCH = 500;

export type ActorResolver = (token: string) => Promise<ScopedActor | null>;

const HandshakeAuth = z.object({
  token: z.string().min(1).max(512).optional(),
  since: z.coerce.number().int().min(0).optional(),
});

interface SocketData {
  actor: ScopedActor;
  since: number | undefined;
  /** Codes of the event log this socket hears (see `audienceOf`). */
  audience: Set<string>;
  /** Caught up: receives what the pump passes on. */
  live: boolean;
}

const hears = (audience: Set<string>, event: EventRecord) => event.scopeNodes.some((code) => audience.has(code));

interface CatchingUp {
  socket: Socket;
  buffer: EventRecord[];
}

export interface Realtime {
  readonly io: Server;
  readonly pump: EventPump;
  /** A local transaction committed events up to this seq. */
  wake(): void;
  disconnectSession(sessionId: string): Promise<void>;
  close(): Promise<void>;
}

export interface RealtimeOptions {
  resolveActor: ActorResolver;
  /** Extra set-up, e.g. the Redis adapter. */
  configure?: (io: Server) => void;
  sessionSweepMs?: number;
  /** Returns the ids of these sessions that are still valid (and extends them: a watching screen is in use). */
  keepSessionsAlive: (sessionIds: string[]) => Promise<Set<string>>;
  /** Sees every event this process passes on (e.g. to empty caches). */
  onEvents?: (batch: EventRecord[]) => void;
}

export async function startRealtime(httpServer: HttpServer, ctx: DomainContext, options: RealtimeOptions): Promise<Realtime> {
  // Other upgrades on this port (live video under /live/) are answered by their own handler, which also
  // refuses paths nobody serves; engine.io must not close them first.
  const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024, pingInterval: 10_000, destroyUpgrade: false });
  options.configure?.(io);
  const catchingUp = new Map<string, CatchingUp>();

  const deliver = (batch: EventRecord[]) => {
    options.onEvents?.(batch);
    // Sockets with one audience (the screens of a desk) get the same message: encode it once for them all.
    const groups = new Map<string, { audience: Set<string>; socketIds: string[] }>();
    for (const socket of io.of('/').sockets.values()) {
      const data = socket.data as SocketData;
      if (!data.live) continue;
      const key = [...data.audience].join(',');
      const group = groups.get(key) ?? { audience: data.audience, socketIds: [] };
      group.socketIds.push(socket.id);
      groups.set(key, group);
    }
    const messages = batch.map(toMessage);
    for (const group of groups.values()) {
      const mine = messages.filter((_, i) => hears(group.audience, batch[i]!));
      if (mine.length > 0) io.local.to(group.socketIds).emit('events', mine);
    }
    for (const pending of catchingUp.values()) {
      const data = pending.socket.data as SocketData;
      for (const event of batch) if (hears(data.audience, event)) pending.buffer.push(event);
    }
  };
  const pump = new EventPump(ctx.db, deliver, ctx.log);
  await pump.start();

  io.use((socket, next) => {
    const parsed = HandshakeAuth.safeParse(socket.handshake.auth ?? {});
    if (!parsed.success) {
      next(new Error('invalid_handshake'));
      return;
    }
    const cookieToken = parseCookie(socket.request.headers.cookie ?? '')[SESSION_COOKIE];
    const token = parsed.data.token ?? cookieToken;
    if (!token) {
      next(new Error('unauthenticated'));
      return;
    }
    options.resolveActor(token).then(
      (actor) => {
        if (!actor) return next(new Error('unauthenticated'));
        (socket.data as SocketData) = { actor, since: parsed.data.since, audience: new Set(audienceOf(actor.node)), live: false };
        next();
      },
      (error: unknown) => {
        ctx.log.error({ err: error }, 'socket authentication failed');
        next(new Error('unavailable'));
      },
    );
  });

  io.on('connection', (socket) => {
    const data = socket.data as SocketData;
    catchUp(socket, data).catch((error: unknown) => {
      ctx.log.warn({ err: error }, 'socket catch-up failed');
      catchingUp.delete(socket.id);
      socket.disconnect(true);
    });
  });

  async function catchUp(socket: Socket, data: SocketData): Promise<void> {
    const audience = [...data.audience];
    const target = pump.seq;
    let since = data.since ?? target;
    const entry: CatchingUp = { socket, buffer: [] };
    catchingUp.set(socket.id, entry);
    if (since > target) {
      // The client knows a sequence this database never reached (e.g. a restored backup): start over.
      socket.emit('resync', { seq: target });
      since = target;
    }
    let replayed = 0;
    while (since < target && socket.connected) {
      const batch = await readEvents(ctx.db, { after: since, upTo: target, audience, limit: REPLAY_BATCH });
      // Read after the batch: retention moves the horizon with its deletion, so a batch read before it is whole.
      const pruned = replayed === 0 && (await missedPrunedEvents(ctx.db, since));
      if (batch.length === 0 && !pruned) break;
      replayed += batch.length;
      if (pruned || replayed > REPLAY_LIMIT) {
        socket.emit('resync', { seq: target });
        break;
      }
      socket.emit('events', batch.map(toMessage));
      since = batch.at(-1)!.seq;
      if (batch.length < REPLAY_BATCH) break;
    }
    // From here to the end of this function nothing awaits, so no event can slip between buffer and rooms.
    catchingUp.delete(socket.id);
    if (!socket.connected) return;
    if (entry.buffer.length > 0) socket.emit('events', entry.buffer.map(toMessage));
    data.live = true;
    void socket.join(actorRoom(data.actor.id));
    if (data.actor.kind === 'user') void socket.join(sessionRoom(data.actor.sessionId));
    socket.emit('ready', { seq: Math.max(target, entry.buffer.at(-1)?.seq ?? 0) });
  }

  // Expired or revoked sessions lose their sockets; sessions with a socket open are kept alive.
  const sweep = setInterval(() => {
    const sockets = [...io.of('/').sockets.values()];
    const sessionIds = [
      ...new Set(
        sockets.flatMap((s) => {
          const actor = (s.data as SocketData).actor;
          return actor.kind === 'user' ? [actor.sessionId] : [];
        }),
      ),
    ];
    if (sessionIds.length === 0) return;
    options.keepSessionsAlive(sessionIds).then(
      (valid) => {
        for (const socket of sockets) {
          const actor = (socket.data as SocketData).actor;
          if (actor.kind === 'user' && !valid.has(actor.sessionId)) socket.disconnect(true);
        }
      },
      (error: unknown) => ctx.log.warn({ err: error }, 'session sweep failed'),
    );
  }, options.sessionSweepMs ?? 60_000);
  sweep.unref();

  return {
    io,
    pump,
    wake: () => pump.wake(),
    disconnectSession: async (sessionId) => {
      io.in(sessionRoom(sessionId)).disconnectSockets(true);
      await Promise.resolve();
    },
    close: async () => {
      clearInterval(sweep);
      await pump.stop();
      // Close transports, not sessions: clients see a lost connection and reconnect by themselves (with their
      // `since`) when the server is back. An explicit server-side disconnect would tell them not to.
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
    },
  };
}
