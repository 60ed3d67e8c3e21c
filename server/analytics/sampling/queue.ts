// The detection sampling queue in Redis, shared by every server process and so by the whole worker pool.
// Per scope (the jurisdiction of a pool's service account), a camera is in exactly one of two sorted sets:
// `due` (score: when it is due) or `leased` (score: when its lease runs out). A claim moves the longest-due
// cameras to `leased` under the claiming worker (oldest first: none starves; one script: none is taken twice);
// a worker done with a visit puts the camera back in `due` one interval later; a lease that runs out (the
// worker died) puts the camera back first in line. Each step is one Lua script, atomic in Redis.
import type { Redis } from 'ioredis';

const SYNC = `
local now = tonumber(ARGV[1])
for i = 2, #ARGV, 3 do
  local id, interval, offset = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
  redis.call('HSET', KEYS[4], id, interval)
  local due = redis.call('ZSCORE', KEYS[1], id)
  if due then
    -- a grade that rose brings the next visit forward
    if tonumber(due) > now + interval then redis.call('ZADD', KEYS[1], now + interval, id) end
  elseif not redis.call('ZSCORE', KEYS[2], id) then
    redis.call('ZADD', KEYS[1], now + offset, id)
  end
end
return 0`;

const REMOVE = `
for i = 1, #ARGV do
  redis.call('ZREM', KEYS[1], ARGV[i])
  redis.call('ZREM', KEYS[2], ARGV[i])
  redis.call('HDEL', KEYS[3], ARGV[i])
  redis.call('HDEL', KEYS[4], ARGV[i])
end
return 0`;

const CLAIM = `
local now, worker, max, leaseUntil = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'WITHSCORES', 'LIMIT', 0, 1000)
for i = 1, #expired, 2 do
  redis.call('ZREM', KEYS[2], expired[i])
  redis.call('HDEL', KEYS[3], expired[i])
  redis.call('ZADD', KEYS[1], expired[i + 1], expired[i])
end
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, max)
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZADD', KEYS[2], leaseUntil, id)
  redis.call('HSET', KEYS[3], id, worker)
end
return ids`;

const COMPLETE = `
local now, worker, done = tonumber(ARGV[1]), ARGV[2], 0
for i = 3, #ARGV do
  local id = ARGV[i]
  if redis.call('HGET', KEYS[3], id) == worker then
    redis.call('ZREM', KEYS[2], id)
    redis.call('HDEL', KEYS[3], id)
    local interval = redis.call('HGET', KEYS[4], id)
    if interval then redis.call('ZADD', KEYS[1], now + tonumber(interval), id) end
    done = done + 1
  end
end
return done`;

interface SamplingCommands {
  samplingSync(due: string, leased: string, owner: string, interval: string, ...args: Array<string | number>): Promise<number>;
  samplingRemove(due: string, leased: string, owner: string, interval: string, ...ids: string[]): Promise<number>;
  samplingClaim(due: string, leased: string, owner: string, ...args: Array<string | number>): Promise<string[]>;
  samplingComplete(due: string, leased: string, owner: string, interval: string, ...args: Array<string | number>): Promise<number>;
}

const defined = new WeakSet<Redis>();
function commands(client: Redis): Redis & SamplingCommands {
  if (!defined.has(client)) {
    client.defineCommand('samplingSync', { numberOfKeys: 4, lua: SYNC });
    client.defineCommand('samplingRemove', { numberOfKeys: 4, lua: REMOVE });
    client.defineCommand('samplingClaim', { numberOfKeys: 3, lua: CLAIM });
    client.defineCommand('samplingComplete', { numberOfKeys: 4, lua: COMPLETE });
    defined.add(client);
  }
  return client as Redis & SamplingCommands;
}

export interface QueuedCamera {
  id: string;
  intervalMs: number;
}

export interface QueueStats {
  cameras: number;
  due: number;
  leased: number;
  /** Cameras whose time has come and that no worker has taken yet. */
  overdue: number;
  /** How long the longest-waiting of them has waited (ms). */
  oldestOverdueMs: number;
}

/** Cameras per script call: each call holds Redis for a moment, never for the whole province. */
const BATCH = 2000;

export class SamplingQueue {
  private readonly redis: Redis & SamplingCommands;
  private readonly keys: readonly [due: string, leased: string, owner: string, interval: string];
  private readonly prefix: string;

  constructor(
    client: Redis,
    /** The pool's scope path; with the prefix, it names the keys. */
    readonly scope: string,
    /** The deployment's Redis prefix (config.redisPrefix). */
    deploymentPrefix: string,
  ) {
    this.prefix = `${deploymentPrefix}:sampling:`;
    this.redis = commands(client);
    const base = `${this.prefix}${scope}`;
    this.keys = [`${base}:due`, `${base}:leased`, `${base}:owner`, `${base}:interval`];
  }

  /**
   * Makes the queue hold exactly these cameras: new ones become due at a random point of their first
   * interval (so a province does not all come due at once), known ones take their new interval, gone ones leave.
   */
  async sync(
    cameras: readonly QueuedCamera[],
    now: number,
    random: () => number = Math.random,
  ): Promise<{ added: number; removed: number }> {
    const before = await this.redis.hlen(this.keys[3]);
    for (let i = 0; i < cameras.length; i += BATCH) {
      const args: Array<string | number> = [now];
      for (const camera of cameras.slice(i, i + BATCH)) args.push(camera.id, camera.intervalMs, Math.floor(random() * camera.intervalMs));
      await this.redis.samplingSync(...this.keys, ...args);
    }
    const wanted = new Set(cameras.map((camera) => camera.id));
    const gone = (await this.redis.hkeys(this.keys[3])).filter((id) => !wanted.has(id));
    await this.remove(gone);
    return { added: cameras.length - (before - gone.length), removed: gone.length };
  }

  async remove(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH) await this.redis.samplingRemove(...this.keys, ...ids.slice(i, i + BATCH));
  }

  /** Up to `max` due cameras, longest-due first, leased to `worker` until `leaseUntil`. */
  claim(worker: string, max: number, now: number, leaseUntil: number): Promise<string[]> {
    return this.redis.samplingClaim(this.keys[0], this.keys[1], this.keys[2], now, worker, max, leaseUntil);
  }

  /** Ends the worker's visits: each camera is due again one interval from now. Leases lost meanwhile are ignored. */
  async complete(worker: string, ids: readonly string[], now: number): Promise<number> {
    let done = 0;
    for (let i = 0; i < ids.length; i += BATCH)
      done += await this.redis.samplingComplete(...this.keys, now, worker, ...ids.slice(i, i + BATCH));
    return done;
  }

  /** Whether this process should sync now: true for one caller per period across every process. */
  async takeSyncTurn(periodMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}${this.scope}:synced`, '1', 'PX', periodMs, 'NX')) === 'OK';
  }

  async stats(now: number): Promise<QueueStats> {
    const [cameras, due, leased, overdue, oldest] = await Promise.all([
      this.redis.hlen(this.keys[3]),
      this.redis.zcard(this.keys[0]),
      this.redis.zcard(this.keys[1]),
      this.redis.zcount(this.keys[0], '-inf', String(now)),
      this.redis.zrange(this.keys[0], '0', '0', 'WITHSCORES'),
    ]);
    const oldestDue = oldest[1] === undefined ? now : Number(oldest[1]);
    return { cameras, due, leased, overdue, oldestOverdueMs: Math.max(0, now - oldestDue) };
  }
}
