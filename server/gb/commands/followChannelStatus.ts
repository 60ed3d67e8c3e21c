// A bound GB channel's camera follows what the signalling knows: its device offline (missed keepalives,
// unregistered) or the channel OFF makes the camera offline, and back on makes an offline camera online. The
// change goes through the relay's own camera-status command, so it is a camera alert joined to the open case
// exactly as for an RTSP camera. (Frozen, blurred or covered come only from the picture, never from here.)
import type { DomainContext } from '../../context';
import { recordCameraStatus, type CameraStatusOutcome } from '../../cameras/commands/recordCameraStatus';
import type { Caller } from '../../policy/actor';

interface BoundChannel {
  camera_id: string;
  camera_status: string;
  channel_status: 'ON' | 'OFF';
  device_online: boolean;
}

/** What the camera's status should become, or null to leave it. */
function followedStatus(channel: BoundChannel): { status: 'online' | 'offline'; reason: string } | null {
  if (!channel.device_online) return channel.camera_status === 'offline' ? null : { status: 'offline', reason: 'GB device offline' };
  if (channel.channel_status === 'OFF') return channel.camera_status === 'offline' ? null : { status: 'offline', reason: 'GB channel OFF' };
  return channel.camera_status === 'offline' || channel.camera_status === 'unknown' ? { status: 'online', reason: 'GB channel ON' } : null;
}

/** Brings the cameras of these devices (row ids) in line with their devices and channels; returns what changed. */
export async function followChannelStatus(
  ctx: DomainContext,
  caller: Caller,
  deviceRowIds: readonly string[],
): Promise<Array<{ cameraId: string; outcome: CameraStatusOutcome; alertId: string | null }>> {
  if (deviceRowIds.length === 0) return [];
  const channels = (await ctx
    .db('gb_channels as c')
    .join('gb_devices as d', 'd.id', 'c.device_id')
    .join('cameras as m', 'm.id', 'c.camera_id')
    .whereIn('c.device_id', deviceRowIds)
    .where('m.ingest', true)
    .select('c.camera_id', 'm.status as camera_status', 'c.status as channel_status', 'd.online as device_online')) as BoundChannel[];
  const observedAt = ctx.now().toISOString();
  const changes = [];
  for (const channel of channels) {
    const next = followedStatus(channel);
    if (!next) continue;
    const result = await recordCameraStatus(ctx, caller, channel.camera_id, {
      status: next.status,
      observedAt,
      detail: { reason: next.reason },
    });
    changes.push({ cameraId: channel.camera_id, ...result });
  }
  return changes;
}
