// A city or county user acknowledges (知悉) an alert, e.g. a school's emergency report: one row per alert and
// user, kept for the record of who knew when. Acknowledging again changes nothing and answers with the first
// acknowledgement. The event names the user, so that user's other screens drop the alert from their banner.
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import { notFound } from '../../errors';
import { isWithin, type Caller, type UserActor } from '../../policy/actor';

export interface Acknowledgement {
  alertId: string;
  userId: string;
  acknowledgedAt: Date;
}

interface AcknowledgementRow {
  alert_id: string;
  user_id: string;
  acknowledged_at: Date;
}

const present = (row: AcknowledgementRow): Acknowledgement => ({
  alertId: row.alert_id,
  userId: row.user_id,
  acknowledgedAt: row.acknowledged_at,
});

export async function acknowledgeAlert(
  ctx: DomainContext,
  caller: Caller & { actor: UserActor },
  id: string,
): Promise<{ acknowledgement: Acknowledgement; created: boolean }> {
  const actor = caller.actor;
  return runInTransaction(ctx, caller, async (uow) => {
    const alert = (await uow.trx('alerts').where({ id }).first('id', 'scope_path')) as { id: string; scope_path: string } | undefined;
    if (!alert || !isWithin(alert.scope_path, actor.node.path)) throw notFound('alert');
    const inserted = (await uow
      .trx('alert_acknowledgements')
      .insert({ alert_id: id, user_id: actor.id, acknowledged_at: ctx.now() })
      .onConflict(['alert_id', 'user_id'])
      .ignore()
      .returning(['alert_id', 'user_id', 'acknowledged_at'])) as AcknowledgementRow[];
    const row = inserted[0];
    if (!row) {
      // Acknowledged before (or by a concurrent request of the same user): the first one stands.
      const first = (await uow.trx('alert_acknowledgements').where({ alert_id: id, user_id: actor.id }).first('*')) as AcknowledgementRow;
      return { acknowledgement: present(first), created: false };
    }
    const acknowledgement = present(row);
    uow.audit({ action: 'alert.acknowledge', targetType: 'alert', targetId: id, scopePath: alert.scope_path });
    uow.emit({
      type: 'alert.acknowledged',
      subject: { type: 'alert', id },
      scopePaths: [alert.scope_path],
      payload: {
        alertId: id,
        userId: actor.id,
        userName: actor.displayName,
        acknowledgedAt: acknowledgement.acknowledgedAt.toISOString(),
      },
    });
    return { acknowledgement, created: true };
  });
}
