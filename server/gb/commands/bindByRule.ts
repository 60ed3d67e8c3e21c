// Binding by the naming rule (binding-rule.ts): each unbound channel of a device whose name states a school
// within the device's node and an area is bound to that school's canteen. Applied when a catalog arrives (if
// the setting gb.bindingRule is on there) and when an administrator asks for it.
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import { whereWithin } from '../../db/scope';
import { DomainError } from '../../errors';
import type { Caller } from '../../policy/actor';
import { parseChannelName } from '../binding-rule';
import { bindWithin } from './bindChannel';
import { followChannelStatus } from './followChannelStatus';

export interface RuleBindOutcome {
  bound: Array<{ channelId: string; cameraId: string }>;
  unmatched: Array<{ channelId: string; name: string }>;
}

export async function bindByRule(
  ctx: DomainContext,
  caller: Caller,
  deviceRowId: string,
  options: { onlyWhenSet: boolean },
): Promise<RuleBindOutcome> {
  const outcome: RuleBindOutcome = { bound: [], unmatched: [] };
  const device = (await ctx.db('gb_devices').where({ id: deviceRowId }).first('device_id', 'scope_path')) as
    { device_id: string; scope_path: string } | undefined;
  if (!device) return outcome;
  if (options.onlyWhenSet && (await ctx.settings.get(ctx.db, device.scope_path, 'gb.bindingRule')) === 'off') return outcome;
  const channels = (await ctx
    .db('gb_channels')
    .where({ device_id: deviceRowId })
    .whereNull('camera_id')
    .orderBy('channel_id')
    .select('channel_id', 'name')) as Array<{ channel_id: string; name: string }>;
  if (channels.length === 0) return outcome;
  // A school's canteen: its first by name (most schools have one). A name two schools share places nothing.
  const schools = (await whereWithin(ctx.db('schools as s'), 's.scope_path', device.scope_path)
    .join('canteens as c', 'c.school_id', 's.id')
    .orderBy(['s.name', 'c.name', 'c.id'])
    .select('s.id as school_id', 's.name', 'c.id as canteen_id')) as Array<{ school_id: string; name: string; canteen_id: string }>;
  const canteenOf = new Map<string, string | null>();
  const schoolOf = new Map<string, string>();
  for (const school of schools) {
    const seen = schoolOf.get(school.name);
    if (seen === undefined) {
      schoolOf.set(school.name, school.school_id);
      canteenOf.set(school.name, school.canteen_id);
    } else if (seen !== school.school_id) canteenOf.set(school.name, null);
  }
  const plan: Array<{ channelId: string; canteenId: string; area: NonNullable<ReturnType<typeof parseChannelName>>['area'] }> = [];
  for (const channel of channels) {
    const parsed = parseChannelName(channel.name);
    const canteenId = parsed ? canteenOf.get(parsed.schoolName) : undefined;
    if (parsed && canteenId) plan.push({ channelId: channel.channel_id, canteenId, area: parsed.area });
    else outcome.unmatched.push({ channelId: channel.channel_id, name: channel.name });
  }
  if (plan.length === 0) return outcome;
  await runInTransaction(ctx, caller, async (uow) => {
    for (const step of plan) {
      try {
        const cameraId = await bindWithin(uow, ctx, { deviceId: device.device_id, ...step });
        outcome.bound.push({ channelId: step.channelId, cameraId });
      } catch (error) {
        // Bound meanwhile by someone else: leave it as they bound it.
        if (error instanceof DomainError && error.code === 'channel_bound') continue;
        throw error;
      }
    }
  });
  await followChannelStatus(ctx, caller, [deviceRowId]);
  return outcome;
}
