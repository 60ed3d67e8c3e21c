import type { GbChannelRow, GbDeviceRow } from './queries';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function presentBoundCamera(channel: GbChannelRow) {
  if (!channel.camera_id) return null;
  return {
    id: channel.camera_id,
    name: channel.camera_name!,
    area: channel.camera_area!,
    status: channel.camera_status!,
    canteen: { id: channel.canteen_id!, name: channel.canteen_name! },
    school: { id: channel.school_id!, name: channel.school_name! },
  };
}

export const presentGbChannel = (channel: GbChannelRow) => ({
  channelId: channel.channel_id,
  name: channel.name,
  status: channel.status,
  manufacturer: channel.manufacturer,
  model: channel.model,
  camera: presentBoundCamera(channel),
});

export const presentGbDevice = (device: GbDeviceRow, channels: readonly GbChannelRow[]) => ({
  deviceId: device.device_id,
  name: device.name,
  manufacturer: device.manufacturer,
  model: device.model,
  firmware: device.firmware,
  online: device.online,
  transport: device.transport,
  address: device.address,
  port: device.port,
  registeredAt: iso(device.registered_at),
  expiresAt: iso(device.expires_at),
  lastKeepaliveAt: iso(device.last_keepalive_at),
  jurisdiction: { code: device.jurisdiction_code, name: device.jurisdiction_name },
  relayId: device.relay_id,
  channels: channels.map(presentGbChannel),
});
