// Which devices the 设备接入 page lists: by state, with unbound channels only, and by a search on the ids and
// names of the device and its channels (an installer reads a channel id off the recorder's screen). The list
// of a city is a few hundred recorders, so it is filtered here rather than asked for again per keystroke.
import type { GbDevice } from '../../api/types';

export const DEVICE_STATES = ['all', 'online', 'offline'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export interface DeviceFilter {
  state: DeviceState;
  unboundOnly: boolean;
  q: string;
}

export const boundCount = (device: GbDevice): number => device.channels.filter((channel) => channel.camera !== null).length;

function matches(device: GbDevice, needle: string): boolean {
  const names = [device.deviceId, device.name ?? '', ...device.channels.flatMap((channel) => [channel.channelId, channel.name])];
  return names.some((name) => name.toLowerCase().includes(needle));
}

export function filterDevices(devices: readonly GbDevice[], filter: DeviceFilter): GbDevice[] {
  const needle = filter.q.trim().toLowerCase();
  return devices.filter(
    (device) =>
      (filter.state === 'all' || device.online === (filter.state === 'online')) &&
      (!filter.unboundOnly || boundCount(device) < device.channels.length) &&
      (needle === '' || matches(device, needle)),
  );
}
