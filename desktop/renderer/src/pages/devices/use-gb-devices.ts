// The GB devices in scope and what an administrator does to their channels. No event names a device's
// registration or keepalive, so the list is looked at again every 15 s; a camera's status or binding changing
// (camera.*) refreshes it at once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { GbBindBody, GbBindResult, GbDevice, GbDeviceList, GbRuleBindResult } from '../../api/types';
import { useLiveQuery } from '../../hooks/use-live-query';

export const GB_DEVICES_PATH = '/api/gb/devices';
const REFRESH_MS = 15_000;

export const useGbDevices = () =>
  useLiveQuery<GbDeviceList>(GB_DEVICES_PATH, undefined, { refreshOn: ['camera.'], intervalMs: REFRESH_MS });

const channelPath = (deviceId: string, channelId: string) =>
  `${GB_DEVICES_PATH}/${encodeURIComponent(deviceId)}/channels/${encodeURIComponent(channelId)}/bind`;

export interface ChannelRef {
  device: GbDevice;
  channelId: string;
}

export function useChannelActions() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: [GB_DEVICES_PATH] });
  const bind = useMutation({
    mutationFn: ({ device, channelId, body }: ChannelRef & { body: GbBindBody }) =>
      api.post<GbBindResult>(channelPath(device.deviceId, channelId), body),
    onSettled: refresh,
  });
  const unbind = useMutation({
    mutationFn: ({ device, channelId }: ChannelRef) => api.delete<unknown>(channelPath(device.deviceId, channelId)),
    onSettled: refresh,
  });
  const bindByRule = useMutation({
    mutationFn: (device: GbDevice) => api.post<GbRuleBindResult>(`${GB_DEVICES_PATH}/${encodeURIComponent(device.deviceId)}/bind-by-rule`),
    onSettled: refresh,
  });
  return { bind, unbind, bindByRule };
}
