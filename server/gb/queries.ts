// Reading GB/T 28181 devices and channels. No query here selects a device's HA1.
import type { Knex } from 'knex';
import { whereWithin } from '../db/scope';
import { gbIdAdcode } from '../../gb28181/gb-id';
import type { CAMERA_AREAS, CAMERA_STATUSES } from '../cameras/schemas';

export interface TreeNode {
  id: string;
  code: string;
  name: string;
  path: string;
}

/**
 * The node of the tree a device id belongs to: the province, city or county whose code is the id's
 * administrative code, within `scopePath`; undefined when it lies outside (the device is refused).
 */
export async function nodeOfGbId(db: Knex, gbId: string, scopePath: string): Promise<TreeNode | undefined> {
  return (await whereWithin(db('jurisdictions'), 'path', scopePath)
    .where({ code: gbIdAdcode(gbId) })
    .whereNot('level', 'school')
    .first('id', 'code', 'name', 'path')) as TreeNode | undefined;
}

export interface GbDeviceRow {
  id: string;
  device_id: string;
  jurisdiction_id: string;
  relay_id: string | null;
  online: boolean;
  transport: 'udp' | 'tcp';
  address: string;
  port: number;
  registered_at: Date | null;
  expires_at: Date | null;
  last_keepalive_at: Date | null;
  name: string | null;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  scope_path: string;
  jurisdiction_code: string;
  jurisdiction_name: string;
}

export interface GbChannelRow {
  id: string;
  device_id: string;
  channel_id: string;
  name: string;
  status: 'ON' | 'OFF';
  manufacturer: string | null;
  model: string | null;
  camera_id: string | null;
  camera_name: string | null;
  camera_area: (typeof CAMERA_AREAS)[number] | null;
  camera_status: (typeof CAMERA_STATUSES)[number] | null;
  canteen_id: string | null;
  canteen_name: string | null;
  school_id: string | null;
  school_name: string | null;
}

const DEVICE_COLUMNS = [
  'd.id',
  'd.device_id',
  'd.jurisdiction_id',
  'd.relay_id',
  'd.online',
  'd.transport',
  'd.address',
  'd.port',
  'd.registered_at',
  'd.expires_at',
  'd.last_keepalive_at',
  'd.name',
  'd.manufacturer',
  'd.model',
  'd.firmware',
  'd.scope_path',
  'j.code as jurisdiction_code',
  'j.name as jurisdiction_name',
];

const devices = (db: Knex) => db('gb_devices as d').join('jurisdictions as j', 'j.id', 'd.jurisdiction_id');

/** Devices in scope (or those named), by id. */
export async function listGbDevices(db: Knex, filter: { scopePath: string; deviceIds?: readonly string[] }): Promise<GbDeviceRow[]> {
  const query = whereWithin(devices(db), 'd.scope_path', filter.scopePath);
  if (filter.deviceIds) void query.whereIn('d.device_id', filter.deviceIds);
  return (await query.orderBy('d.device_id').select(DEVICE_COLUMNS)) as GbDeviceRow[];
}

export async function findGbDevice(db: Knex, deviceId: string): Promise<GbDeviceRow | undefined> {
  return (await devices(db).where('d.device_id', deviceId).first(DEVICE_COLUMNS)) as GbDeviceRow | undefined;
}

/** The channels of these devices (row ids), each with its bound camera. */
export async function listGbChannels(db: Knex, deviceRowIds: readonly string[]): Promise<GbChannelRow[]> {
  if (deviceRowIds.length === 0) return [];
  return (await db('gb_channels as c')
    .leftJoin('cameras as m', 'm.id', 'c.camera_id')
    .leftJoin('canteens as t', 't.id', 'm.canteen_id')
    .leftJoin('schools as s', 's.id', 'm.school_id')
    .whereIn('c.device_id', deviceRowIds)
    .orderBy(['c.device_id', 'c.channel_id'])
    .select(
      'c.id',
      'c.device_id',
      'c.channel_id',
      'c.name',
      'c.status',
      'c.manufacturer',
      'c.model',
      'c.camera_id',
      'm.name as camera_name',
      'm.area as camera_area',
      'm.status as camera_status',
      'm.canteen_id',
      't.name as canteen_name',
      'm.school_id',
      's.name as school_name',
    )) as GbChannelRow[];
}

/** The channel of a device with its bound camera, or undefined. */
export async function findGbChannel(db: Knex, deviceRowId: string, channelId: string): Promise<GbChannelRow | undefined> {
  return (await listGbChannels(db, [deviceRowId])).find((channel) => channel.channel_id === channelId);
}
