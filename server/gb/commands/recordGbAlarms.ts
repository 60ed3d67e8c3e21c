// A device's own alarms (MANSCDP Notify Alarm) become alerts of category device_alarm on the bound camera of
// the alarm's channel (or, for an alarm of the device as a whole, its first bound camera), through the alerts'
// own ingestion: joined to the camera's open case like any alert, idempotent by the relay's key, so a retried
// report adds nothing. An alarm of a device outside the relay's part of the tree, or one with no bound camera,
// has nothing to be raised on and is counted as ignored.
import type { DomainContext } from '../../context';
import { whereWithin } from '../../db/scope';
import { runInTransaction } from '../../db/unit-of-work';
import { KeyRaceError, raiseAlerts, type AlertRequest } from '../../alerts/commands/raiseAlerts';
import type { Caller, ServiceActor } from '../../policy/actor';
import type { GbAlarmReport } from '../../../stream-relay/protocol';

export interface GbAlarmsResult {
  alerts: number;
  replayed: number;
  ignored: number;
}

export async function recordGbAlarms(
  ctx: DomainContext,
  caller: Caller,
  relay: ServiceActor,
  alarms: readonly GbAlarmReport[],
): Promise<GbAlarmsResult> {
  const deviceIds = [...new Set(alarms.map((alarm) => alarm.deviceId))];
  const channels = (await whereWithin(
    ctx.db('gb_channels as c').join('gb_devices as d', 'd.id', 'c.device_id'),
    'd.scope_path',
    relay.node.path,
  )
    .whereIn('d.device_id', deviceIds)
    .whereNotNull('c.camera_id')
    .orderBy(['d.device_id', 'c.channel_id'])
    .select('d.device_id', 'c.channel_id', 'c.camera_id')) as Array<{ device_id: string; channel_id: string; camera_id: string }>;
  const cameraOf = (alarm: GbAlarmReport) => {
    const ofDevice = channels.filter((channel) => channel.device_id === alarm.deviceId);
    return (
      ofDevice.find((channel) => channel.channel_id === alarm.channelId) ??
      (alarm.channelId === undefined || alarm.channelId === alarm.deviceId ? ofDevice[0] : undefined)
    )?.camera_id;
  };
  const requests: AlertRequest[] = [];
  let ignored = 0;
  for (const alarm of alarms) {
    const cameraId = cameraOf(alarm);
    if (!cameraId) {
      ignored += 1;
      continue;
    }
    requests.push({
      caller,
      input: {
        source: 'camera',
        category: 'device_alarm',
        cameraId,
        detectedAt: alarm.at,
        // The device's own words; the category names the rest.
        summary: alarm.description || undefined,
        details: {
          deviceId: alarm.deviceId,
          channelId: alarm.channelId ?? null,
          priority: alarm.priority,
          method: alarm.method,
          type: alarm.type ?? null,
          description: alarm.description ?? null,
        },
        idempotencyKey: `gb-alarm:${alarm.key}`,
      },
    });
  }
  if (requests.length === 0) return { alerts: 0, replayed: 0, ignored };
  const raise = () => runInTransaction(ctx, caller, (uow) => raiseAlerts(uow, ctx, requests));
  let results;
  try {
    results = await raise();
  } catch (error) {
    // Another process took one of the keys meanwhile: once more, as a replay.
    if (!(error instanceof KeyRaceError)) throw error;
    results = await raise();
  }
  let alerts = 0;
  let replayed = 0;
  for (const result of results) {
    if (!result.ok) ignored += 1;
    else if (result.value.outcome === 'replayed') replayed += 1;
    else alerts += 1;
  }
  return { alerts, replayed, ignored };
}
