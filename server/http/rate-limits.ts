// Per-IP rate limits, answered in the API's error shape; counted in Redis when several processes serve.
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';

export function perIpLimit(options: {
  name: string;
  limit: number;
  windowMinutes?: number;
  redis?: { client: Redis; prefix: string } | undefined;
}): RequestHandler {
  const minutes = options.windowMinutes ?? 1;
  return rateLimit({
    windowMs: minutes * 60_000,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(options.redis
      ? {
          store: new RedisStore({
            prefix: `${options.redis.prefix}:rl:${options.name}:`,
            sendCommand: (command: string, ...args: string[]) => options.redis!.client.call(command, ...args) as Promise<RedisReply>,
          }),
        }
      : {}),
    handler: (_req, res) => {
      res.status(429).json({
        error: {
          code: 'rate_limited',
          message: `Too many requests from this address; try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}`,
        },
      });
    },
  });
}
