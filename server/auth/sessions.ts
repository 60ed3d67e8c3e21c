// Sessions: created at login, slid forward while in use (idle timeout), and never past an absolute maximum.
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { DomainContext } from '../context';
import type { ScopedActor } from '../policy/actor';
import { actorCacheOf, type CachedActor } from './actor-cache';
import { findServiceByToken, findUserBySessionToken } from './queries';
import { hashToken, newToken, SERVICE_TOKEN_PREFIX, SESSION_TOKEN_PREFIX } from './tokens';

/**
 * How long a use may go unrecorded: a session's last use is written back at most this often, not on every
 * request. A tenth of the idle window (at most a minute), so that the idle expiry slides with use at any
 * setting: a session ends no sooner than nine tenths of the idle window after its last use.
 */
export const touchIntervalMs = (idleMinutes: number): number => Math.min(60_000, (idleMinutes * 60_000) / 10);
/** A service token's last use is bookkeeping only: once a minute is enough. */
const SERVICE_TOUCH_INTERVAL_MS = 60_000;

export async function createSession(
  trx: Knex.Transaction,
  ctx: DomainContext,
  input: { id?: string; userId: string; ip?: string | undefined; userAgent?: string | undefined },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const now = ctx.now();
  const token = newToken(SESSION_TOKEN_PREFIX);
  const id = input.id ?? uuidv7();
  const expiresAt = idleExpiry(ctx, now);
  await trx('sessions').insert({
    id,
    token_hash: hashToken(token),
    user_id: input.userId,
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
    absolute_expires_at: new Date(now.getTime() + ctx.config.sessionMaxHours * 3_600_000),
    ip: input.ip ?? null,
    user_agent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { id, token, expiresAt };
}

const idleExpiry = (ctx: DomainContext, now: Date) => new Date(now.getTime() + ctx.config.sessionIdleMinutes * 60_000);

/** Resolves a bearer token (session or service) to its actor, or null. */
export async function resolveActor(ctx: DomainContext, token: string): Promise<ScopedActor | null> {
  if (token.length > 512) return null;
  const tokenHash = hashToken(token);
  const now = ctx.now();
  const cache = actorCacheOf(ctx);
  let entry: CachedActor | undefined = cache.get(tokenHash, now);
  if (!entry) {
    entry = await lookUp(ctx, token, tokenHash, now);
    if (!entry) return null;
    cache.set(tokenHash, entry);
  }
  const interval = entry.actor.kind === 'service' ? SERVICE_TOUCH_INTERVAL_MS : touchIntervalMs(ctx.config.sessionIdleMinutes);
  if (now.getTime() - entry.seenAt >= interval) {
    await touch(ctx, entry.actor, now);
    entry.seenAt = now.getTime();
    if (entry.actor.kind === 'user') entry.expiresAt = Math.min(entry.absoluteExpiresAt, idleExpiry(ctx, now).getTime());
  }
  return entry.actor;
}

async function lookUp(ctx: DomainContext, token: string, tokenHash: string, now: Date): Promise<CachedActor | undefined> {
  if (token.startsWith(SERVICE_TOKEN_PREFIX)) {
    const found = await findServiceByToken(ctx.db, tokenHash);
    if (!found) return undefined;
    const seenAt = found.lastUsedAt?.getTime() ?? 0;
    return { actor: found.actor, checkedAt: now.getTime(), seenAt, expiresAt: Infinity, absoluteExpiresAt: Infinity };
  }
  if (!token.startsWith(SESSION_TOKEN_PREFIX)) return undefined;
  const found = await findUserBySessionToken(ctx.db, tokenHash, now);
  if (!found) return undefined;
  return {
    actor: found.actor,
    checkedAt: now.getTime(),
    seenAt: found.lastSeenAt.getTime(),
    expiresAt: Math.min(found.expiresAt.getTime(), found.absoluteExpiresAt.getTime()),
    absoluteExpiresAt: found.absoluteExpiresAt.getTime(),
  };
}

async function touch(ctx: DomainContext, actor: ScopedActor, now: Date): Promise<void> {
  if (actor.kind === 'service') await ctx.db('service_tokens').where({ id: actor.id }).update({ last_used_at: now });
  else await touchSessions(ctx, [actor.sessionId]);
}

/** Forgets a session's cached actor at once (logout). */
export function forgetSession(ctx: DomainContext, sessionId: string): void {
  actorCacheOf(ctx).forget((actor) => actor.kind === 'user' && actor.sessionId === sessionId);
}

/** Forgets a revoked service account's cached actor at once. */
export function forgetService(ctx: DomainContext, serviceTokenId: string): void {
  actorCacheOf(ctx).forget((actor) => actor.kind === 'service' && actor.id === serviceTokenId);
}

/** Slides the idle expiry of live sessions forward (never past their absolute expiry). */
async function touchSessions(ctx: DomainContext, sessionIds: string[]): Promise<void> {
  const now = ctx.now();
  await ctx
    .db('sessions')
    .whereIn('id', sessionIds)
    .whereNull('revoked_at')
    .update({
      last_seen_at: now,
      expires_at: ctx.db.raw('LEAST(absolute_expires_at, ?::timestamptz)', [idleExpiry(ctx, now)]),
    });
}

/** For sockets: which of these sessions are still valid; those are kept alive, since someone is watching. */
export async function keepSessionsAlive(ctx: DomainContext, sessionIds: string[]): Promise<Set<string>> {
  const now = ctx.now();
  const rows = (await ctx
    .db('sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .whereIn('s.id', sessionIds)
    .whereNull('s.revoked_at')
    .whereNull('u.disabled_at')
    .where('s.expires_at', '>', now)
    .where('s.absolute_expires_at', '>', now)
    .select('s.id')) as Array<{ id: string }>;
  const valid = new Set(rows.map((row) => row.id));
  if (valid.size > 0) await touchSessions(ctx, [...valid]);
  return valid;
}
