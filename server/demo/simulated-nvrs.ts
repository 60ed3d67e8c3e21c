// The demo's GB/T 28181 devices: two simulated NVRs (our own, fixtures/gb28181) that register with the
// embedded relay's SIP server the way a school's recorder does — digest, from behind a NAT port, one over TCP
// and one over UDP — and whose channels are named `<school>-<area>`, so the naming rule (gb.bindingRule,
// turned on for the demo city) binds them to the canteens of the demo county's first schools as their
// catalogs arrive. Nothing here touches a device or a camera row: what the printed logins then see live is
// what a real NVR brings through the same path. One channel sends H.265.
import path from 'node:path';
import { GB_ID_TYPES, makeGbId } from '../../gb28181/gb-id';
import { ensureClips, ensureH265Clips } from '../../fixtures/media/clips';
import { SimulatedNvr, type SimulatedNvrChannel } from '../../fixtures/gb28181/simulated-nvr';
import type { DomainContext } from '../context';
import { platformIdentity } from '../gb/platform';
import { runInTransaction } from '../db/unit-of-work';
import { systemActor } from '../policy/actor';
import { settingVersion, writeSetting } from '../settings/setting-version';

const DEMO_COUNTY = '130822';

export interface DemoNvrs {
  devices: number;
  channels: number;
  stop(): Promise<void>;
}

export async function startDemoNvrs(
  ctx: DomainContext,
  options: { dataDir: string; sip: { host: string; port: number; password: string } },
): Promise<DemoNvrs> {
  const { platformId, domain } = await demoPlatform(ctx);
  await turnOnNamingRule(ctx);
  const schools = await demoSchools(ctx);
  const clipDir = path.join(options.dataDir, 'clips');
  const [clips, h265] = await Promise.all([ensureClips(clipDir, 'demo'), ensureH265Clips(clipDir, 'demo')]);

  const byCounty = new Map<string, Array<{ name: string }>>();
  for (const school of schools) byCounty.set(school.county, [...(byCounty.get(school.county) ?? []), school]);
  const recorders: Array<{ county: string; transport: 'tcp' | 'udp'; channels: Omit<SimulatedNvrChannel, 'channelId'>[] }> = [];
  const [first, second] = byCounty.get(DEMO_COUNTY) ?? [];
  if (first && second) {
    recorders.push({
      county: DEMO_COUNTY,
      transport: 'tcp',
      channels: [
        { name: `${first.name}-烹饪间`, clip: clips.people, codec: 'h264' },
        { name: `${first.name}-切配间`, clip: clips.noise, codec: 'h264' },
        { name: `${second.name}-备餐间`, clip: clips.people, codec: 'h264' },
        { name: `${second.name}-库房`, clip: h265.hevc, codec: 'h265' },
      ],
    });
  }
  const [otherCounty, others] = [...byCounty.entries()].find(([county]) => county !== DEMO_COUNTY) ?? [];
  if (otherCounty && others?.[0]) {
    recorders.push({
      county: otherCounty,
      transport: 'udp',
      channels: [
        { name: `${others[0].name}-烹饪间`, clip: clips.people, codec: 'h264' },
        { name: `${others[0].name}-洗消间`, clip: clips.pattern, codec: 'h264' },
      ],
    });
  }

  const nvrs = await Promise.all(
    recorders.map((recorder, index) =>
      SimulatedNvr.start({
        deviceId: makeGbId(recorder.county, GB_ID_TYPES.nvr, index + 1),
        password: options.sip.password,
        server: { host: options.sip.host, port: options.sip.port, id: platformId, domain },
        transport: recorder.transport,
        channels: recorder.channels.map((channel, at) => ({
          ...channel,
          channelId: makeGbId(recorder.county, GB_ID_TYPES.camera, index * 100 + at + 1),
        })),
        keepaliveSeconds: 30,
        retrySeconds: 5,
        natPort: true,
      }),
    ),
  );
  const channels = recorders.reduce((sum, recorder) => sum + recorder.channels.length, 0);
  ctx.log.info({ devices: nvrs.length, channels, sipPort: options.sip.port }, 'simulated GB/T 28181 NVRs registering');
  return {
    devices: nvrs.length,
    channels,
    stop: async () => {
      await Promise.all(nvrs.map((nvr) => nvr.stop()));
    },
  };
}

/** The platform the embedded relay speaks for: SIP_ID and SIP_DOMAIN, else derived from the demo city. */
async function demoPlatform(ctx: DomainContext): Promise<{ platformId: string; domain: string }> {
  const city = (await ctx.db('jurisdictions').where({ level: 'city' }).orderBy('code').first('path')) as { path: string } | undefined;
  return platformIdentity(ctx, city?.path ?? '');
}

/** The demo city binds channels by their names (an administrator can turn it off in the settings). */
async function turnOnNamingRule(ctx: DomainContext): Promise<void> {
  const city = (await ctx.db('jurisdictions').where({ level: 'city' }).orderBy('code').first('id')) as { id: string } | undefined;
  if (!city || (await settingVersion(ctx.db, city.id, 'gb.bindingRule')) !== null) return;
  await runInTransaction(ctx, { actor: systemActor('demo') }, async (uow) => {
    await writeSetting(uow.trx, {
      nodeId: city.id,
      key: 'gb.bindingRule',
      value: 'school-area',
      userId: null,
      expected: null,
      what: 'the naming rule',
    });
  });
}

/** Schools with a canteen, by county code and then school code: the demo county's first two come first. */
async function demoSchools(ctx: DomainContext): Promise<Array<{ name: string; county: string }>> {
  return (await ctx
    .db('schools as s')
    .join('jurisdictions as j', 'j.id', 's.county_id')
    .whereExists((canteens) => canteens.select(1).from('canteens as c').whereRaw('c.school_id = s.id'))
    .orderBy([
      { column: 'j.code', order: 'asc' },
      { column: 's.code', order: 'asc' },
    ])
    .select('s.name', 'j.code as county')) as Array<{ name: string; county: string }>;
}
