// When REDIS_URL is set, several server processes share one Redis: commits are announced on a channel so
// every process's event pump wakes at once, and Socket.IO uses the Redis adapter so that room operations
// (e.g. closing a logged-out session's sockets) reach sockets held by other processes.
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { Logger } from '../logger';

export interface RedisBridge {
  readonly client: Redis;
  /** The deployment's prefix (config.redisPrefix): every key and channel of ours starts with it. */
  readonly prefix: string;
  announce(lastSeq: number): void;
  onAnnounce(listener: (lastSeq: number) => void): void;
  attachAdapter(io: Server): void;
  close(): Promise<void>;
}

export async function connectRedis(url: string, prefix: string, log: Logger): Promise<RedisBridge> {
  const eventsChannel = `${prefix}:events:committed`;
  const make = () => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    client.on('error', (error) => log.warn({ err: error }, 'redis error'));
    return client;
  };
  const client = make();
  const subscriber = make();
  const adapterPub = make();
  const adapterSub = make();
  await Promise.all([client.connect(), subscriber.connect(), adapterPub.connect(), adapterSub.connect()]);
  const listeners: Array<(seq: number) => void> = [];
  await subscriber.subscribe(eventsChannel);
  subscriber.on('message', (_channel: string, message: string) => {
    const seq = Number(message);
    for (const listener of listeners) listener(seq);
  });
  return {
    client,
    prefix,
    announce: (lastSeq) => {
      client.publish(eventsChannel, String(lastSeq)).catch((error: unknown) => log.warn({ err: error }, 'redis announce failed'));
    },
    onAnnounce: (listener) => listeners.push(listener),
    attachAdapter: (io) => io.adapter(createAdapter(adapterPub, adapterSub, { key: `${prefix}:socket.io` })),
    close: async () => {
      await Promise.allSettled([client.quit(), subscriber.quit(), adapterPub.quit(), adapterSub.quit()]);
    },
  };
}
