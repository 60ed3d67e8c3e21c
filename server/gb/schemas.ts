// What the server answers about GB/T 28181 devices and what an administrator sends to bind their channels (the
// relay's reports are the relay's contract, in stream-relay/protocol.ts).
import { z } from 'zod';
import { GbId } from '../../stream-relay/protocol';
import { CAMERA_AREAS, CAMERA_STATUSES } from '../cameras/schemas';

export const GbDeviceParams = z.strictObject({ deviceId: GbId });
export const GbChannelParams = z.strictObject({ deviceId: GbId, channelId: GbId });

export const GbBindBody = z.strictObject({
  canteenId: z.uuid(),
  area: z.enum(CAMERA_AREAS),
  /** The camera's name; the channel's own name when left out. */
  name: z.string().trim().min(1).max(60).optional(),
});

export const GbBoundCamera = z.object({
  id: z.uuid(),
  name: z.string(),
  area: z.enum(CAMERA_AREAS),
  status: z.enum(CAMERA_STATUSES),
  canteen: z.object({ id: z.uuid(), name: z.string() }),
  school: z.object({ id: z.uuid(), name: z.string() }),
});

export const GbChannel = z.object({
  channelId: z.string(),
  name: z.string(),
  status: z.enum(['ON', 'OFF']),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  /** The camera this channel is bound to; null while unbound. */
  camera: GbBoundCamera.nullable(),
});

export const GbDevice = z
  .object({
    deviceId: z.string(),
    name: z.string().nullable(),
    manufacturer: z.string().nullable(),
    model: z.string().nullable(),
    firmware: z.string().nullable(),
    online: z.boolean(),
    transport: z.enum(['udp', 'tcp']),
    /** The address its packets came from (behind NAT: the router's). */
    address: z.string(),
    port: z.number().int(),
    registeredAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime().nullable(),
    lastKeepaliveAt: z.iso.datetime().nullable(),
    /** The node of the tree its id's administrative code names. */
    jurisdiction: z.object({ code: z.string(), name: z.string() }),
    relayId: z.string().nullable(),
    channels: z.array(GbChannel),
  })
  .meta({ id: 'GbDevice' });

export const GbDeviceList = z.object({ items: z.array(GbDevice) });

export const GbBindResult = z.object({ camera: GbBoundCamera });

export const GbRuleBindResult = z.object({
  /** Channels bound by the rule now. */
  bound: z.array(z.object({ channelId: z.string(), camera: GbBoundCamera })),
  /** Unbound channels whose names the rule could not place. */
  unmatched: z.array(z.object({ channelId: z.string(), name: z.string() })),
});

export const GbDevicesReportResult = z.object({
  accepted: z.number().int().nonnegative(),
  /** Devices refused: their id's administrative code lies outside the relay's part of the tree. */
  refused: z.array(z.object({ deviceId: z.string(), reason: z.enum(['outside_tree']) })),
});

export const GbAlarmsReportResult = z.object({
  alerts: z.number().int().nonnegative(),
  replayed: z.number().int().nonnegative(),
  /** Alarms of unknown devices or of devices without a bound camera: nothing to raise an alert on. */
  ignored: z.number().int().nonnegative(),
});
