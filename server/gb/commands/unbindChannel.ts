// An administrator unbinds a channel. Alerts, status history and evidence clips refer to the camera, so the
// camera is not deleted (no camera is, anywhere): it stays, disconnected (`ingest` off: no relay pulls it, it
// shows as not connected), with its history. Binding the channel to the same canteen again brings it back.
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import { conflict, notFound } from '../../errors';
import type { Caller } from '../../policy/actor';

export async function unbindChannel(ctx: DomainContext, caller: Caller, input: { deviceId: string; channelId: string }): Promise<string> {
  return runInTransaction(ctx, caller, async (uow) => {
    const channel = (await uow
      .trx('gb_channels as c')
      .join('gb_devices as d', 'd.id', 'c.device_id')
      .where({ 'd.device_id': input.deviceId, 'c.channel_id': input.channelId })
      .forUpdate('c')
      .first('c.id', 'c.camera_id', 'd.scope_path')) as { id: string; camera_id: string | null; scope_path: string } | undefined;
    if (!channel) throw notFound('channel', { field: 'params.channelId' });
    if (!channel.camera_id) throw conflict('channel_not_bound', 'This channel is not bound to a camera');
    const camera = (await uow.trx('cameras').where({ id: channel.camera_id }).forUpdate().first('version', 'scope_path')) as {
      version: number;
      scope_path: string;
    };
    const now = ctx.now();
    const version = camera.version + 1;
    await uow.trx('gb_channels').where({ id: channel.id }).update({ camera_id: null, updated_at: now });
    await uow.trx('cameras').where({ id: channel.camera_id }).update({ ingest: false, version, updated_at: now });
    uow.emit({
      type: 'camera.updated',
      subject: { type: 'camera', id: channel.camera_id },
      scopePaths: [camera.scope_path],
      payload: { changes: { connected: false }, streamChanged: false, version },
    });
    uow.emit({
      type: 'gb.channel_bound',
      subject: { type: 'camera', id: channel.camera_id },
      scopePaths: [camera.scope_path, channel.scope_path],
      payload: { deviceId: input.deviceId, channelId: input.channelId, cameraId: null },
    });
    uow.audit({
      action: 'gb.unbind',
      targetType: 'camera',
      targetId: channel.camera_id,
      scopePath: camera.scope_path,
      details: { deviceId: input.deviceId, channelId: input.channelId },
    });
    return channel.camera_id;
  });
}
