// What a relay that runs a SIP server learns in its heartbeat: who our platform is (SIP_ID, else derived from
// the city: `<city adcode>0000 200 0 000001`), its domain (SIP_DOMAIN, else the id's first 10 digits), the
// administrative codes of the relay's part of the tree (a device whose id starts otherwise is refused), after
// how many missed keepalives a device is offline, and with UPSTREAM_SIP set the cameras shared upward.
import type { Knex } from 'knex';
import type { DomainContext } from '../context';
import { whereWithin } from '../db/scope';
import { codesOfPath, type ServiceActor } from '../policy/actor';
import { defaultPlatformId, gbIdDomain } from '../../gb28181/gb-id';
import type { GbPlatformConfig, GbSharedCamera } from '../../stream-relay/protocol';
import { civilCodeOf, sharedGbId, type ShareableCamera } from './shared-camera-ids';

/** The city the relay serves: its own node's city, or the first city below a province's relay. */
async function cityOf(db: Knex, scopePath: string): Promise<string | undefined> {
  const above = (await db('jurisdictions').whereIn('code', codesOfPath(scopePath)).where({ level: 'city' }).first('code')) as
    { code: string } | undefined;
  if (above) return above.code;
  const below = (await whereWithin(db('jurisdictions'), 'path', scopePath).where({ level: 'city' }).orderBy('code').first('code')) as
    { code: string } | undefined;
  return below?.code;
}

export async function platformIdentity(ctx: DomainContext, scopePath: string): Promise<{ platformId: string; domain: string }> {
  const { gb } = ctx.config;
  const city = (await cityOf(ctx.db, scopePath)) ?? codesOfPath(scopePath).at(-1) ?? '000000';
  const platformId = gb.sipId ?? defaultPlatformId(city.slice(0, 6).padEnd(6, '0'));
  return { platformId, domain: gb.sipDomain ?? gbIdDomain(platformId) };
}

/** The cameras of this relay that the upper platform may see (within UPSTREAM_SIP's scope), with their GB ids. */
async function sharedCameras(db: Knex, scopeCode: string, assigned: readonly string[]): Promise<GbSharedCamera[]> {
  if (assigned.length === 0) return [];
  const scope = (await db('jurisdictions').where({ code: scopeCode }).first('path')) as { path: string } | undefined;
  if (!scope) return [];
  const rows = (await db
    .with(
      'ranked',
      // Upstream scopes are whole counties (or more), so ranking within the scope ranks within each county.
      (ranked) =>
        void whereWithin(ranked.from('cameras as m'), 'm.scope_path', scope.path)
          .join('schools as s', 's.id', 'm.school_id')
          .select(
            'm.id',
            'm.name',
            'm.stream_url',
            'm.scope_path',
            's.name as school_name',
            db.raw('row_number() OVER (PARTITION BY s.county_id ORDER BY m.created_at, m.id) AS county_rank'),
          ),
    )
    .from('ranked')
    .whereIn('id', assigned)
    .orderBy('id')
    .select('*')) as Array<ShareableCamera & { name: string; school_name: string }>;
  return rows.map((row) => ({
    cameraId: row.id,
    gbId: sharedGbId({ ...row, county_rank: Number(row.county_rank) }),
    name: `${row.school_name}-${row.name}`,
    civilCode: civilCodeOf(row.scope_path),
  }));
}

export async function gbPlatformConfig(
  ctx: DomainContext,
  relay: ServiceActor,
  assignedCameraIds: readonly string[],
): Promise<GbPlatformConfig> {
  const scopePath = relay.node.path;
  const { platformId, domain } = await platformIdentity(ctx, scopePath);
  const nodes = (await whereWithin(ctx.db('jurisdictions'), 'path', scopePath)
    .whereNot('level', 'school')
    .orderBy('code')
    .select('code')) as Array<{
    code: string;
  }>;
  const upstream = ctx.config.gb.upstream;
  return {
    platformId,
    domain,
    adcodes: nodes.map((node) => node.code).filter((code) => /^\d{6}$/.test(code)),
    keepaliveMisses: await ctx.settings.get(ctx.db, scopePath, 'gb.keepaliveMisses'),
    ...(upstream ? { upstream: { shared: await sharedCameras(ctx.db, upstream.scope, assignedCameraIds) } } : {}),
  };
}
