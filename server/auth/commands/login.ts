// Login: weighs the attempt against the login throttle (login-throttle.ts), checks the password and opens a
// session. Whether the name belongs to an account changes nothing in the answer: an unknown name costs the
// same password check and the same queries as a wrong password, and a held-back attempt is answered the same
// for both, without checking any password.
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import { DomainError } from '../../errors';
import { v7 as uuidv7 } from 'uuid';
import { PUBLIC, type ScopeNode, type UserActor, type UserRole } from '../../policy/actor';
import { addressKey, admitAttempt, normalizeUsername, pruneForgotten, recordFailure, recordSuccess } from '../login-throttle';
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

const loginThrottled = (retryAfterSeconds: number) =>
  new DomainError('rate_limited', 'login_throttled', 'Too many failed logins: wait a moment before trying again', { retryAfterSeconds });

export async function login(ctx: DomainContext, input: LoginInput): Promise<LoginResult> {
  const caller = { actor: PUBLIC, ip: input.ip };
  const username = normalizeUsername(input.username);
  const attempt = { username, address: addressKey(input.ip) };
  const found = await findUserByUsername(ctx.db, username);
  const user = found && !found.disabled_at ? found : undefined;
  // The audit row is filed under the account when there is one, so its city administrator sees it.
  const target = user ? { targetType: 'user', targetId: user.id, scopePath: user.node.path } : {};

  const admission = await admitAttempt(ctx, attempt);
  if (!admission.admitted) {
    const retryAfterSeconds = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
    await runInTransaction(ctx, caller, async (uow) => {
      uow.audit({ action: 'auth.login_throttled', ...target, details: { username, by: admission.tiers, retryAfterSeconds } });
      await Promise.resolve();
    });
    throw loginThrottled(retryAfterSeconds);
  }

  const ok = await verifyPassword(input.password, user?.password_hash ?? (await decoyHash()));
  if (!ok || !user) {
    await runInTransaction(ctx, caller, async (uow) => {
      const { delayMs } = await recordFailure(uow.trx, ctx, { ...attempt, nameAddressFailures: admission.nameAddressFailures });
      uow.audit({
        action: 'auth.login_failed',
        ...target,
        details: {
          username,
          reason: user ? 'wrong_password' : 'unknown_user',
          failures: admission.nameAddressFailures + 1,
          delaySeconds: Math.ceil(delayMs / 1000),
        },
      });
    });
    await pruneForgotten(ctx);
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
  const now = ctx.now();
  const session = await runInTransaction(ctx, { actor, ip: input.ip }, async (uow) => {
    await recordSuccess(uow.trx, attempt);
    await uow.trx('users').where({ id: user.id }).update({ last_login_at: now, updated_at: now });
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
