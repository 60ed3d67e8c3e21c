import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import type { Caller, UserActor } from '../../policy/actor';
import { forgetSession } from '../sessions';

export async function logout(ctx: DomainContext, caller: Caller & { actor: UserActor }): Promise<void> {
  await runInTransaction(ctx, caller, async (uow) => {
    await uow.trx('sessions').where({ id: caller.actor.sessionId }).whereNull('revoked_at').update({ revoked_at: ctx.now() });
    uow.audit({ action: 'auth.logout', targetType: 'session', targetId: caller.actor.sessionId, scopePath: caller.actor.node.path });
  });
  forgetSession(ctx, caller.actor.sessionId);
}
