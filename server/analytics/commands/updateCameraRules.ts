// A city administrator sets a camera's detection rules, or returns it to the city-wide defaults (rules null).
// Optimistic: the caller names the version it read (0 for a camera never configured); a change made meanwhile
// is a 409. The version only ever counts up, a return to the defaults included.
import type { CameraRules } from '../../../analytics/rules';
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import { conflict, notFound } from '../../errors';
import type { Caller } from '../../policy/actor';
import { findRulesInForce, type RulesInForce } from '../queries';

export async function updateCameraRules(
  ctx: DomainContext,
  caller: Caller,
  cameraId: string,
  input: { version: number; rules: CameraRules | null },
): Promise<RulesInForce> {
  await runInTransaction(ctx, caller, async (uow) => {
    const camera = (await uow.trx('cameras').where({ id: cameraId }).forUpdate().first('id', 'scope_path')) as
      { id: string; scope_path: string } | undefined;
    if (!camera) throw notFound('camera');
    const current = (await uow.trx('camera_analytics').where({ camera_id: cameraId }).forUpdate().first('version')) as
      { version: number } | undefined;
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== input.version) {
      throw conflict('stale_version', "The camera's rules were changed by someone else; reload and try again", { version: currentVersion });
    }
    const actorId = caller.actor.kind === 'user' || caller.actor.kind === 'service' ? caller.actor.id : null;
    const version = currentVersion + 1;
    const row = { rules: input.rules ? JSON.stringify(input.rules) : null, version, updated_at: ctx.now(), updated_by: actorId };
    if (current) await uow.trx('camera_analytics').where({ camera_id: cameraId }).update(row);
    else await uow.trx('camera_analytics').insert({ camera_id: cameraId, ...row });
    const categories = input.rules?.rules.filter((rule) => rule.enabled).map((rule) => rule.category) ?? null;
    uow.emit({
      type: 'camera.analytics_updated',
      subject: { type: 'camera', id: cameraId },
      scopePaths: [camera.scope_path],
      payload: { source: input.rules ? 'camera' : 'default', version, categories },
    });
    uow.audit({
      action: 'analytics.configure',
      targetType: 'camera',
      targetId: cameraId,
      scopePath: camera.scope_path,
      details: { source: input.rules ? 'camera' : 'default', version, categories },
    });
  });
  return (await findRulesInForce(ctx.db, cameraId))!;
}
