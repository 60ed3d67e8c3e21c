// An administrator binds a device's channel to a canteen: the channel becomes a camera of that canteen (its
// stream address `gb28181:<device>/<channel>`, secret like an RTSP one), in the canteen's scope, pulled by the
// relay the device registered with, and from then on a camera like any other. A channel unbound before and
// bound again to the same canteen gets its old camera back, with its history and alerts.
import { v7 as uuidv7 } from 'uuid';
import type { DomainContext } from '../../context';
import { runInTransaction, type UnitOfWork } from '../../db/unit-of-work';
import { conflict, invalidInput, notFound } from '../../errors';
import type { Caller } from '../../policy/actor';
import { gbCameraUrl } from '../../../stream-relay/protocol';
import type { CAMERA_AREAS } from '../../cameras/schemas';
import { followChannelStatus } from './followChannelStatus';

export interface BindInput {
  deviceId: string;
  channelId: string;
  canteenId: string;
  area: (typeof CAMERA_AREAS)[number];
  name?: string | undefined;
}

interface ChannelToBind {
  id: string;
  name: string;
  camera_id: string | null;
  device_row_id: string;
  device_scope_path: string;
}

/** Camera names are at most 60 characters (as the camera edit takes them). */
const cameraName = (name: string) => name.trim().slice(0, 60) || '通道';

/** Binds within an open transaction; the channel row is locked. Returns the camera's id. */
export async function bindWithin(uow: UnitOfWork, ctx: DomainContext, input: BindInput): Promise<string> {
  const channel = (await uow
    .trx('gb_channels as c')
    .join('gb_devices as d', 'd.id', 'c.device_id')
    .where({ 'd.device_id': input.deviceId, 'c.channel_id': input.channelId })
    .forUpdate('c')
    .first('c.id', 'c.name', 'c.camera_id', 'd.id as device_row_id', 'd.scope_path as device_scope_path')) as ChannelToBind | undefined;
  if (!channel) throw notFound('channel', { field: 'params.channelId' });
  if (channel.camera_id)
    throw conflict('channel_bound', 'This channel is already bound to a camera; unbind it first', { cameraId: channel.camera_id });
  const canteen = (await uow.trx('canteens').where({ id: input.canteenId }).first('id', 'school_id', 'scope_path')) as
    { id: string; school_id: string; scope_path: string } | undefined;
  if (!canteen) throw notFound('canteen', { field: 'body.canteenId' });
  if (!canteen.scope_path.startsWith(channel.device_scope_path)) {
    throw invalidInput('The canteen lies outside the device’s jurisdiction', { field: 'body.canteenId' });
  }
  const url = gbCameraUrl(input.deviceId, input.channelId);
  const name = cameraName(input.name ?? channel.name);
  const now = ctx.now();
  const retired = (await uow
    .trx('cameras')
    .where({ stream_url: url, canteen_id: canteen.id, ingest: false })
    .whereNotExists((bound) => void bound.select(1).from('gb_channels as b').whereRaw('b.camera_id = cameras.id'))
    .forUpdate()
    .first('id', 'version')) as { id: string; version: number } | undefined;
  let cameraId: string;
  if (retired) {
    cameraId = retired.id;
    await uow
      .trx('cameras')
      .where({ id: cameraId })
      .update({ name, area: input.area, ingest: true, version: retired.version + 1, updated_at: now });
  } else {
    cameraId = uuidv7();
    await uow.trx('cameras').insert({
      id: cameraId,
      canteen_id: canteen.id,
      school_id: canteen.school_id,
      name,
      area: input.area,
      stream_url: url,
      substream_url: null,
      // What the stream turns out to be is reported by the relay (CameraReport.codec).
      codec: 'h264',
      ingest: true,
      scope_path: canteen.scope_path,
      created_at: now,
      updated_at: now,
    });
  }
  await uow.trx('gb_channels').where({ id: channel.id }).update({ camera_id: cameraId, updated_at: now });
  uow.emit({
    type: 'gb.channel_bound',
    subject: { type: 'camera', id: cameraId },
    scopePaths: [canteen.scope_path, channel.device_scope_path],
    payload: { deviceId: input.deviceId, channelId: input.channelId, cameraId },
  });
  uow.audit({
    action: 'gb.bind',
    targetType: 'camera',
    targetId: cameraId,
    scopePath: canteen.scope_path,
    details: { deviceId: input.deviceId, channelId: input.channelId, canteenId: canteen.id, area: input.area, name, reused: !!retired },
  });
  return cameraId;
}

export async function bindChannel(ctx: DomainContext, caller: Caller, input: BindInput): Promise<string> {
  const { cameraId, deviceRowId } = await runInTransaction(ctx, caller, async (uow) => {
    const id = await bindWithin(uow, ctx, input);
    const device = (await uow.trx('gb_devices').where({ device_id: input.deviceId }).first('id')) as { id: string };
    return { cameraId: id, deviceRowId: device.id };
  });
  // A channel of a device that is offline (or a channel that is OFF) is an offline camera from the start.
  await followChannelStatus(ctx, caller, [deviceRowId]);
  return cameraId;
}
