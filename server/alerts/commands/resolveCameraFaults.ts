// A camera's fault alerts end themselves when the fault does: when the relay reports the camera healthy again
// (or with another fault), each open alert of an earlier fault is resolved by the system, with the outage's
// length. A fault back within the quiet gap reopens the same alert (raiseAlerts), so a flapping camera is one
// case, not a column of 画面冻结 left 待研判 after the cameras recovered.
import type { DomainContext } from '../../context';
import { asSystem, type UnitOfWork } from '../../db/unit-of-work';
import { ALERT_CATEGORIES, type AlertCategory } from '../categories';
import type { AlertRow } from '../queries';
import { transitionAlert } from './transitionAlert';

const CAMERA_FAULTS = (Object.keys(ALERT_CATEGORIES) as AlertCategory[]).filter((code) =>
  (ALERT_CATEGORIES[code].sources as readonly string[]).includes('camera'),
);

/** 3 小时 5 分 12 秒, or 42 秒. */
export function outageText(seconds: number): string {
  const parts: Array<[number, string]> = [
    [Math.floor(seconds / 3600), '小时'],
    [Math.floor((seconds % 3600) / 60), '分'],
    [seconds % 60, '秒'],
  ];
  const shown = parts.filter(([value]) => value > 0).map(([value, unit]) => `${value} ${unit}`);
  return shown.length > 0 ? shown.join(' ') : '0 秒';
}

export async function resolveCameraFaults(
  uow: UnitOfWork,
  ctx: DomainContext,
  cameraId: string,
  at: Date,
  /** The fault the camera has now, if it is not healthy again. */
  stillFaulty: AlertCategory | null,
): Promise<string[]> {
  const open = (await uow
    .trx('alerts')
    .where({ camera_id: cameraId, source: 'camera' })
    .whereIn('status', ['new', 'confirmed'])
    .whereIn('category', CAMERA_FAULTS)
    .modify((query) => {
      if (stillFaulty) void query.whereNot('category', stillFaulty);
    })
    .forUpdate()
    .select('*')) as AlertRow[];
  const system = asSystem(uow, 'camera-health');
  const now = stillFaulty ? `摄像头转为${ALERT_CATEGORIES[stillFaulty].zh}` : '摄像头已恢复在线';
  for (const alert of open) {
    const seconds = Math.max(0, Math.round((at.getTime() - alert.first_seen_at.getTime()) / 1000));
    await transitionAlert(system, ctx, alert, 'resolve', {
      reason: `${now}，${ALERT_CATEGORIES[alert.category].zh}持续 ${outageText(seconds)}`,
      details: { outageSeconds: seconds, recoveredAt: at.toISOString() },
    });
  }
  return open.map((alert) => alert.id);
}
