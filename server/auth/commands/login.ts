// Login: checks the password, counts failures, locks the account for a while after too many, and opens a
// session. Unknown usernames cost the same time as wrong passwords and get the same answer.
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import { DomainError } from '../../errors';
import { v7 as uuidv7 } from 'uuid';
import { PUBLIC, type ScopeNode, type UserActor, type UserRole } from '../../policy/actor';
import { decoyHash, verifyPassword } from '../passwords';
import { findUserByUsername } from '../queries';
import { createSession } from '../sessions';

export interface LoginInput {
  username: string;
  password: string;
  ip?: string | undefined;
  userAgent?: string | undefined;
}

export interface LoginResult {
  token: string;
  sessionId: string;
  expiresAt: Date;
  user: { id: string; username: string; displayName: string; role: UserRole; scope: Pick<ScopeNode, 'level' | 'code' | 'name'> };
}

const invalidCredentials = () => new DomainError('unauthenticated', 'invalid_credentials', 'Wrong username or password');

const accountLocked = (until: Date, now: Date) =>
  new DomainError('rate_limited', 'account_locked', 'Too many failed logins: the account is locked for a while', {
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
  });

export async function login(ctx: DomainContext, input: LoginInput): Promise<LoginResult> {
  const caller = { actor: PUBLIC, ip: input.ip };
  const user = await findUserByUsername(ctx.db, input.username);
  const now = ctx.now();
  if (!user || user.disabled_at) {
    await verifyPassword(input.password, await decoyHash());
    await runInTransaction(ctx, caller, async (uow) => {
      uow.audit({ action: 'auth.login_failed', details: { username: input.username.slice(0, 64), reason: 'unknown_user' } });
      await Promise.resolve();
    });
    throw invalidCredentials();
  }
  if (user.locked_until && user.locked_until > now) throw accountLocked(user.locked_until, now);

  const ok = await verifyPassword(input.password, user.password_hash);
  if (!ok) {
    const lockedUntil = await runInTransaction(ctx, caller, async (uow) => {
      // Counted in the database, so concurrent attempts cannot slip past the limit.
      const [row] = (await uow.trx('users').where({ id: user.id }).increment('failed_logins', 1).returning('failed_logins')) as Array<{
        failed_logins: number;
      }>;
      const failures = row?.failed_logins ?? 0;
      let until: Date | null = null;
      if (failures >= ctx.config.loginMaxFailures) {
        until = new Date(now.getTime() + ctx.config.loginLockMinutes * 60_000);
        await uow.trx('users').where({ id: user.id }).update({ locked_until: until, failed_logins: 0 });
      }
      uow.audit({
        action: until ? 'auth.account_locked' : 'auth.login_failed',
        targetType: 'user',
        targetId: user.id,
        scopePath: user.node.path,
        details: { failures },
      });
      return until;
    });
    if (lockedUntil) throw accountLocked(lockedUntil, now);
    throw invalidCredentials();
  }

  const sessionId = uuidv7();
  const actor: UserActor = {
    kind: 'user',
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    node: user.node,
    sessionId,
  };
  const session = await runInTransaction(ctx, { actor, ip: input.ip }, async (uow) => {
    await uow.trx('users').where({ id: user.id }).update({ failed_logins: 0, locked_until: null, last_login_at: now, updated_at: now });
    const created = await createSession(uow.trx, ctx, { id: sessionId, userId: user.id, ip: input.ip, userAgent: input.userAgent });
    uow.audit({ action: 'auth.login', targetType: 'user', targetId: user.id, scopePath: user.node.path });
    return created;
  });

  return {
    token: session.token,
    sessionId: session.id,
    expiresAt: session.expiresAt,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      scope: { level: user.node.level, code: user.node.code, name: user.node.name },
    },
  };
}
