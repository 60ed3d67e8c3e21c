// A city administrator lifts the login delays of a user in their jurisdiction (after the user called, say,
// from a school whose address kept mistyping): every count of the user's name is cleared, from each address
// and over all of them. The counts of the addresses themselves stay: they are not the user's.
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import type { Caller } from '../../policy/actor';
import { clearName } from '../login-throttle';

export async function clearLoginThrottle(
  ctx: DomainContext,
  caller: Caller,
  user: { id: string; username: string; node: { path: string } },
): Promise<{ cleared: number }> {
  return runInTransaction(ctx, caller, async (uow) => {
    const cleared = await clearName(uow.trx, user.username);
    uow.audit({
      action: 'auth.login_unlocked',
      targetType: 'user',
      targetId: user.id,
      scopePath: user.node.path,
      details: { username: user.username, cleared },
    });
    return { cleared };
  });
}
