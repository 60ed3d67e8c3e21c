// Transport for GB/T 28181: the relay's reports of its devices and their alarms, and the administrator's view
// of the devices in scope and the binding of their channels to canteen cameras. No answer carries a device's
// HA1 or a camera's stream address.
import { z } from 'zod';
import { GbAlarmsReport, GbDevicesReport } from '../../stream-relay/protocol';
import { defineRoute, type AnyRoute } from '../http/define-route';
import type { ServiceActor } from '../policy/actor';
import { scopePathOf } from '../policy/policy';
import { bindByRule } from './commands/bindByRule';
import { bindChannel } from './commands/bindChannel';
import { recordGbAlarms } from './commands/recordGbAlarms';
import { recordGbDevices } from './commands/recordGbDevices';
import { unbindChannel } from './commands/unbindChannel';
import { presentBoundCamera, presentGbDevice } from './presenters';
import { findGbChannel, findGbDevice, listGbChannels, listGbDevices } from './queries';
import {
  GbAlarmsReportResult,
  GbBindBody,
  GbBindResult,
  GbChannelParams,
  GbDeviceList,
  GbDeviceParams,
  GbDevicesReportResult,
  GbRuleBindResult,
} from './schemas';
import { notFound } from '../errors';
import type { DomainContext } from '../context';

/** The bound camera of a channel as the lists show it. */
async function boundCamera(ctx: DomainContext, deviceId: string, channelId: string) {
  const device = await findGbDevice(ctx.db, deviceId);
  const channel = device ? await findGbChannel(ctx.db, device.id, channelId) : undefined;
  const camera = channel ? presentBoundCamera(channel) : null;
  if (!camera) throw notFound('channel');
  return camera;
}

export function gbRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/relays/gb/devices',
      summary:
        'A stream relay’s SIP server reports its GB/T 28181 devices: registrations, keepalives, losses and catalogs (batched, idempotent)',
      tags: ['gb28181'],
      action: 'gb.report',
      node: 'actor',
      body: GbDevicesReport,
      response: GbDevicesReportResult,
      handler: ({ ctx, caller, actor, body }) => recordGbDevices(ctx, caller, actor as ServiceActor, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/relays/gb/alarms',
      summary: 'A stream relay reports GB/T 28181 device alarms: each becomes a device_alarm alert on the bound camera (idempotent by key)',
      tags: ['gb28181'],
      action: 'gb.report',
      node: 'actor',
      body: GbAlarmsReport,
      response: GbAlarmsReportResult,
      handler: ({ ctx, caller, actor, body }) => recordGbAlarms(ctx, caller, actor as ServiceActor, body.alarms),
    }),
    defineRoute({
      method: 'get',
      path: '/api/gb/devices',
      summary: 'GB/T 28181 devices in scope: online state, transport, last keepalive, and their channels with status and bound camera',
      tags: ['gb28181'],
      action: 'gb.read',
      node: 'actor',
      response: GbDeviceList,
      handler: async ({ ctx, actor }) => {
        const devices = await listGbDevices(ctx.db, { scopePath: scopePathOf(actor) });
        const channels = await listGbChannels(
          ctx.db,
          devices.map((device) => device.id),
        );
        return {
          items: devices.map((device) =>
            presentGbDevice(
              device,
              channels.filter((channel) => channel.device_id === device.id),
            ),
          ),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/gb/devices/:deviceId/channels/:channelId/bind',
      summary: 'Bind a device’s channel to a canteen: it becomes a camera of that canteen, in that area (city administrators)',
      tags: ['gb28181'],
      action: 'gb.manage',
      params: GbChannelParams,
      body: GbBindBody,
      refs: { 'params.deviceId': 'gb_device', 'params.channelId': 'gb_channel', 'body.canteenId': 'canteen' },
      node: 'params.deviceId',
      status: 201,
      errors: [409],
      response: GbBindResult,
      handler: async ({ ctx, caller, params, body }) => {
        await bindChannel(ctx, caller, { ...params, ...body });
        return { camera: await boundCamera(ctx, params.deviceId, params.channelId) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/gb/devices/:deviceId/channels/:channelId/bind',
      summary: 'Unbind a channel: its camera stays, not connected, with its history and alerts (city administrators)',
      tags: ['gb28181'],
      action: 'gb.manage',
      params: GbChannelParams,
      refs: { 'params.deviceId': 'gb_device', 'params.channelId': 'gb_channel' },
      node: 'params.deviceId',
      errors: [409],
      response: z.object({ cameraId: z.uuid() }),
      handler: async ({ ctx, caller, params }) => ({ cameraId: await unbindChannel(ctx, caller, params) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/gb/devices/:deviceId/bind-by-rule',
      summary: 'Bind the device’s unbound channels named `<school name>-<area>` to that school’s canteen (city administrators)',
      tags: ['gb28181'],
      action: 'gb.manage',
      params: GbDeviceParams,
      refs: { 'params.deviceId': 'gb_device' },
      node: 'params.deviceId',
      response: GbRuleBindResult,
      handler: async ({ ctx, caller, params }) => {
        const device = (await findGbDevice(ctx.db, params.deviceId))!;
        const outcome = await bindByRule(ctx, caller, device.id, { onlyWhenSet: false });
        const bound = [];
        for (const { channelId } of outcome.bound) bound.push({ channelId, camera: await boundCamera(ctx, params.deviceId, channelId) });
        return { bound, unmatched: outcome.unmatched };
      },
    }),
  ];
}
