// A relay's SIP server reports its devices: registrations, keepalives, losses and catalogs, batched. Each device
// is placed at the node its id's administrative code names, within the relay's part of the tree; one outside
// it is refused (and logged). The report is idempotent: it states what is, so a retry writes the same rows.
// After the write, the bound cameras follow their devices' state, and a catalog may bind channels by the
// naming rule (setting gb.bindingRule).
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import type { Caller, ServiceActor } from '../../policy/actor';
import type { GbDeviceReport, GbDevicesReport } from '../../../stream-relay/protocol';
import { nodeOfGbId, type TreeNode } from '../queries';
import { bindByRule } from './bindByRule';
import { followChannelStatus } from './followChannelStatus';

export interface GbDevicesResult {
  accepted: number;
  refused: Array<{ deviceId: string; reason: 'outside_tree' }>;
}

const at = (value: string | undefined) => (value ? new Date(value) : null);

export async function recordGbDevices(
  ctx: DomainContext,
  caller: Caller,
  relay: ServiceActor,
  report: GbDevicesReport,
): Promise<GbDevicesResult> {
  // The last report of a device in one batch is the one that stands.
  const latest = new Map<string, GbDeviceReport>();
  for (const device of report.devices) latest.set(device.deviceId, device);
  const placed: Array<{ device: GbDeviceReport; node: TreeNode }> = [];
  const refused: GbDevicesResult['refused'] = [];
  const nodes = new Map<string, TreeNode | undefined>();
  for (const device of latest.values()) {
    const adcode = device.deviceId.slice(0, 6);
    if (!nodes.has(adcode)) nodes.set(adcode, await nodeOfGbId(ctx.db, device.deviceId, relay.node.path));
    const node = nodes.get(adcode);
    if (node) placed.push({ device, node });
    else {
      refused.push({ deviceId: device.deviceId, reason: 'outside_tree' });
      ctx.log.warn({ deviceId: device.deviceId, relayId: report.relayId }, 'GB device outside the tree refused');
    }
  }
  if (placed.length === 0) return { accepted: 0, refused };

  const now = ctx.now();
  const { touched, catalogs } = await runInTransaction(ctx, caller, async (uow) => {
    const ids = placed.map(({ device }) => device.deviceId);
    const previous = new Map(
      (
        (await uow.trx('gb_devices').whereIn('device_id', ids).forUpdate().select('device_id', 'online')) as Array<{
          device_id: string;
          online: boolean;
        }>
      ).map((row) => [row.device_id, row.online]),
    );
    const excluded = (column: string) => uow.trx.raw(`EXCLUDED.${column}`);
    const kept = (column: string) => uow.trx.raw(`COALESCE(EXCLUDED.${column}, gb_devices.${column})`);
    const rows = (await uow
      .trx('gb_devices')
      .insert(
        placed.map(({ device, node }) => ({
          id: uuidv7(),
          device_id: device.deviceId,
          jurisdiction_id: node.id,
          relay_id: report.relayId,
          online: device.online,
          transport: device.transport,
          address: device.address,
          port: device.port,
          registered_at: at(device.registeredAt),
          expires_at: at(device.expiresAt),
          last_keepalive_at: at(device.lastKeepaliveAt),
          name: device.info?.name ?? null,
          manufacturer: device.info?.manufacturer ?? null,
          model: device.info?.model ?? null,
          firmware: device.info?.firmware ?? null,
          scope_path: node.path,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict('device_id')
      .merge({
        relay_id: excluded('relay_id'),
        online: excluded('online'),
        transport: excluded('transport'),
        address: excluded('address'),
        port: excluded('port'),
        registered_at: kept('registered_at'),
        expires_at: kept('expires_at'),
        last_keepalive_at: kept('last_keepalive_at'),
        name: kept('name'),
        manufacturer: kept('manufacturer'),
        model: kept('model'),
        firmware: kept('firmware'),
        updated_at: excluded('updated_at'),
      })
      .returning(['id', 'device_id', 'scope_path'])) as Array<{ id: string; device_id: string; scope_path: string }>;
    const rowOf = new Map(rows.map((row) => [row.device_id, row]));

    const catalogs: string[] = [];
    for (const { device } of placed) {
      const row = rowOf.get(device.deviceId)!;
      if (device.channels) {
        await writeCatalog(uow.trx, row.id, device, now);
        catalogs.push(row.id);
      }
      const created = !previous.has(device.deviceId);
      if (created) {
        uow.audit({
          action: 'gb.device_registered',
          targetType: 'gb_device',
          targetId: device.deviceId,
          scopePath: row.scope_path,
          details: { relayId: report.relayId, transport: device.transport, address: device.address, port: device.port },
        });
      }
      if (created || previous.get(device.deviceId) !== device.online || device.channels) {
        uow.emit({
          type: 'gb.device_updated',
          subject: { type: 'gb_device', id: device.deviceId },
          scopePaths: [row.scope_path],
          payload: { deviceId: device.deviceId, online: device.online, channels: device.channels?.length ?? 0 },
        });
      }
    }
    return { touched: rows.map((row) => row.id), catalogs };
  });

  await followChannelStatus(ctx, caller, touched);
  for (const deviceRowId of catalogs) await bindByRule(ctx, caller, deviceRowId, { onlyWhenSet: true });
  return { accepted: placed.length, refused };
}

/** The whole catalog: its channels written as they are, channels it no longer lists kept but OFF. */
async function writeCatalog(trx: Knex.Transaction, deviceRowId: string, device: GbDeviceReport, now: Date) {
  const channels = new Map((device.channels ?? []).map((channel) => [channel.channelId, channel]));
  if (channels.size > 0) {
    for (const chunk of chunks([...channels.values()], 500)) {
      await trx('gb_channels')
        .insert(
          chunk.map((channel) => ({
            id: uuidv7(),
            device_id: deviceRowId,
            channel_id: channel.channelId,
            name: channel.name,
            status: channel.status,
            manufacturer: channel.manufacturer ?? null,
            model: channel.model ?? null,
            created_at: now,
            updated_at: now,
          })),
        )
        .onConflict(['device_id', 'channel_id'])
        .merge(['name', 'status', 'manufacturer', 'model', 'updated_at']);
    }
  }
  await trx('gb_channels')
    .where({ device_id: deviceRowId })
    .whereNotIn('channel_id', [...channels.keys()])
    .whereNot({ status: 'OFF' })
    .update({ status: 'OFF', updated_at: now });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
