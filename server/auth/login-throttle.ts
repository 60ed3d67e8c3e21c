// Login throttling after OWASP ASVS V2.2: growing delays between attempts instead of a lock that anyone can
// trigger. Failed logins are counted three ways, each in a row of login_throttles (shared by every server
// process through the database):
// - a name from one address: after LOGIN_FREE_FAILURES, each further failure doubles the wait (1 s, 2 s, 4 s …
//   up to LOGIN_MAX_DELAY_MINUTES) before that address may try that name again. Other addresses are not held
//   up, so a stranger guessing at `city.admin` slows only himself;
// - one address over all names (LOGIN_ADDRESS_FREE_FAILURES): one address trying many names;
// - a name over all addresses (LOGIN_ACCOUNT_FREE_FAILURES): a guessing attack spread over many addresses.
//   Each address adds at most LOGIN_FREE_FAILURES to it, so no single address can set it off, and its delay
//   spares addresses the account has logged in from in the last 30 days.
// A row is keyed by the name as typed (normalized), whether or not such an account exists: a real and a
// made-up name are answered alike. Counts are forgotten a day after their last failure; a success clears its
// name and address; a city administrator may clear a user's name (commands/clearLoginThrottle.ts).
import { ipKeyGenerator } from 'express-rate-limit';
import type { Knex } from 'knex';
import type { DomainContext } from '../context';

/** Counts are forgotten this long after their last failure. */
export const FORGET_AFTER_MS = 24 * 3_600_000;
/** An address the account logged in from this recently is spared the delay of the name over all addresses. */
const TRUSTED_FOR_MS = 30 * 24 * 3_600_000;

/** The one spelling of a username: what login looks up and what the throttle counts by. */
export const normalizeUsername = (username: string): string => username.trim().toLowerCase();

/**
 * The address an attempt is counted by: an IPv4 address, or the /56 network of an IPv6 address (one
 * subscriber holds a whole block of those), as the per-IP rate limits count them.
 */
export const addressKey = (ip: string | undefined): string => (ip ? ipKeyGenerator(ip) : 'unknown');

/** The wait after the given number of failures: none for the free ones, then 1 s doubling up to the maximum. */
export function delayAfterMs(failures: number, freeFailures: number, maxDelayMs: number): number {
  if (failures <= freeFailures) return 0;
  return Math.min(maxDelayMs, 1000 * 2 ** Math.min(failures - freeFailures - 1, 40));
}

interface ThrottleRow {
  username: string;
  address: string;
  failures: number;
  last_failed_at: Date;
  blocked_until: Date | null;
}

type Tier = 'name_address' | 'address' | 'name';

export type Admission = { admitted: true; nameAddressFailures: number } | { admitted: false; retryAfterMs: number; tiers: Tier[] };

const keysOf = (username: string, address: string): Record<Tier, [string, string]> => ({
  name_address: [username, address],
  address: ['', address],
  name: [username, ''],
});

const settingsOf = (ctx: DomainContext) => {
  const c = ctx.config.loginThrottle;
  return { ...c, maxDelayMs: c.maxDelayMinutes * 60_000 };
};

/**
 * Decides whether an attempt may be weighed now. If so, it is counted against its name and address at once,
 * before the password is checked (a success clears it again), so that concurrent attempts cannot all slip
 * through one free moment. `nameAddressFailures` is that count before this attempt.
 */
export async function admitAttempt(ctx: DomainContext, attempt: { username: string; address: string }): Promise<Admission> {
  const now = ctx.now();
  const settings = settingsOf(ctx);
  const keys = keysOf(attempt.username, attempt.address);
  return ctx.db.transaction(async (trx) => {
    await trx.raw('INSERT INTO login_throttles (username, address, failures, last_failed_at) VALUES (?, ?, 0, ?) ON CONFLICT DO NOTHING', [
      ...keys.name_address,
      now,
    ]);
    // Only this row is locked: attempts on the same name from the same address take turns here.
    const own = (await trx('login_throttles')
      .where({ username: attempt.username, address: attempt.address })
      .forUpdate()
      .first()) as ThrottleRow;
    const others = (await trx('login_throttles').whereIn(['username', 'address'], [keys.address, keys.name])) as ThrottleRow[];
    const rows: Record<Tier, ThrottleRow | undefined> = {
      name_address: own,
      address: others.find((row) => row.username === ''),
      name: others.find((row) => row.address === ''),
    };
    let waits: Array<[Tier, number]> = [];
    for (const tier of ['name_address', 'address', 'name'] as const) {
      const row = live(rows[tier], now);
      if (row?.blocked_until && row.blocked_until > now) waits.push([tier, row.blocked_until.getTime() - now.getTime()]);
    }
    // The name's delay over all addresses spares the addresses its account has logged in from.
    if (waits.some(([tier]) => tier === 'name') && (await isTrustedAddress(trx, attempt, now))) {
      waits = waits.filter(([tier]) => tier !== 'name');
    }
    if (waits.length > 0) {
      return { admitted: false, retryAfterMs: Math.max(...waits.map(([, ms]) => ms)), tiers: waits.map(([tier]) => tier) };
    }
    const before = live(own, now)?.failures ?? 0;
    const delay = delayAfterMs(before + 1, settings.freeFailures, settings.maxDelayMs);
    await trx('login_throttles')
      .where({ username: attempt.username, address: attempt.address })
      .update({ failures: before + 1, last_failed_at: now, blocked_until: delay > 0 ? new Date(now.getTime() + delay) : null });
    return { admitted: true, nameAddressFailures: before };
  });
}

/**
 * Counts a failed attempt against its address and, while its name and address were within their free
 * failures, against its name over all addresses. Returns the longest delay now in force for this attempt.
 */
export async function recordFailure(
  trx: Knex.Transaction,
  ctx: DomainContext,
  attempt: { username: string; address: string; nameAddressFailures: number },
): Promise<{ delayMs: number }> {
  const now = ctx.now();
  const settings = settingsOf(ctx);
  const keys = keysOf(attempt.username, attempt.address);
  let delayMs = delayAfterMs(attempt.nameAddressFailures + 1, settings.freeFailures, settings.maxDelayMs);
  delayMs = Math.max(delayMs, await countFailure(trx, keys.address, now, settings.addressFreeFailures, settings.maxDelayMs));
  if (attempt.nameAddressFailures < settings.freeFailures) {
    await countFailure(trx, keys.name, now, settings.accountFreeFailures, settings.maxDelayMs);
  }
  return { delayMs };
}

async function countFailure(trx: Knex.Transaction, [username, address]: [string, string], now: Date, free: number, maxDelayMs: number) {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  const result = (await trx.raw(
    `INSERT INTO login_throttles (username, address, failures, last_failed_at) VALUES (?, ?, 1, ?)
     ON CONFLICT (username, address) DO UPDATE SET
       failures = CASE WHEN login_throttles.last_failed_at > ? THEN login_throttles.failures + 1 ELSE 1 END,
       last_failed_at = excluded.last_failed_at
     RETURNING failures`,
    [username, address, now, forgetBefore],
  )) as { rows: Array<{ failures: number }> };
  const delay = delayAfterMs(result.rows[0]!.failures, free, maxDelayMs);
  if (delay > 0)
    await trx('login_throttles')
      .where({ username, address })
      .update({ blocked_until: new Date(now.getTime() + delay) });
  return delay;
}

/** A success clears the count of its name from its address (not the address's, nor the name's elsewhere). */
export async function recordSuccess(trx: Knex.Transaction, attempt: { username: string; address: string }): Promise<void> {
  await trx('login_throttles').where({ username: attempt.username, address: attempt.address }).delete();
}

/** Clears every count of a name (from each address and over all addresses); returns how many were cleared. */
export async function clearName(trx: Knex.Transaction, username: string): Promise<number> {
  const rows = (await trx('login_throttles').where({ username }).delete().returning('address')) as unknown[];
  return rows.length;
}

/** Drops the counts that are forgotten anyway, so that made-up names do not pile up. */
export async function pruneForgotten(ctx: DomainContext): Promise<void> {
  await ctx
    .db('login_throttles')
    .where('last_failed_at', '<', new Date(ctx.now().getTime() - FORGET_AFTER_MS))
    .delete();
}

/** A row whose count is forgotten counts as none. */
function live(row: ThrottleRow | undefined, now: Date): ThrottleRow | undefined {
  return row && row.last_failed_at.getTime() > now.getTime() - FORGET_AFTER_MS ? row : undefined;
}

async function isTrustedAddress(trx: Knex.Transaction, attempt: { username: string; address: string }, now: Date): Promise<boolean> {
  const rows = (await trx('sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .where('u.username', attempt.username)
    .where('s.created_at', '>', new Date(now.getTime() - TRUSTED_FOR_MS))
    .whereNotNull('s.ip')
    .distinct('s.ip')) as Array<{ ip: string }>;
  return rows.some((row) => addressKey(row.ip) === attempt.address);
}
