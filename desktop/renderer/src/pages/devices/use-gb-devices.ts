// The GB devices in scope and what an administrator does to their channels. A device going on- or offline or
// sending its catalogue (gb.device_updated), a channel bound or unbound (gb.channel_bound) and a bound camera's
// status (camera.*) refresh the list at once; keepalives are announced by no event, so it is also looked at
// again every 30 s.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { GbBindBody, GbBindResult, GbDevice, GbDeviceList, GbRuleBindResult } from '../../api/types';
import { useLiveQuery } from '../../hooks/use-live-query';

export const GB_DEVICES_PATH = '/api/gb/devices';
const REFRESH_MS = 30_000;

export const useGbDevices = () =>
  useLiveQuery<GbDeviceList>(GB_DEVICES_PATH, undefined, { refreshOn: ['gb.', 'camera.'], intervalMs: REFRESH_MS });

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
