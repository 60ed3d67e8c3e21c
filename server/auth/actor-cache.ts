// Resolved tokens are remembered for a few seconds, so that a service posting hundreds of alerts a second
// (or a busy screen) does not cost a session look-up per request. A logout forgets its session here at once;
// another server process notices within the time to live, while the logged-out session's sockets are closed
// everywhere at once through Redis. A remembered session never outlives its own expiry.
import type { ScopedActor } from '../policy/actor';

export const ACTOR_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;

export interface CachedActor {
  actor: ScopedActor;
  checkedAt: number;
  /** When the session (or service token) was last marked as used, for the sliding idle expiry. */
  seenAt: number;
  /** When the session ends unless used again (Infinity for a service token). */
  expiresAt: number;
  /** When the session ends in any case (Infinity for a service token). */
  absoluteExpiresAt: number;
}

export class ActorCache {
  private readonly entries = new Map<string, CachedActor>();

  get(tokenHash: string, now: Date): CachedActor | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    const at = now.getTime();
    if (at - entry.checkedAt > ACTOR_CACHE_TTL_MS || at < entry.checkedAt || at >= entry.expiresAt) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry;
  }

  set(tokenHash: string, entry: CachedActor): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(tokenHash, entry);
  }

  /** Forgets a logged-out session, or a revoked service account, at once. */
  forget(matches: (actor: ScopedActor) => boolean): void {
    for (const [hash, entry] of this.entries) if (matches(entry.actor)) this.entries.delete(hash);
  }
}

const caches = new WeakMap<object, ActorCache>();

/** The cache of one server (keyed by its context, so that test servers in one process do not share). */
export function actorCacheOf(owner: object): ActorCache {
  let cache = caches.get(owner);
  if (!cache) {
    cache = new ActorCache();
    caches.set(owner, cache);
  }
  return cache;
}
