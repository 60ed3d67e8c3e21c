// The relays' heartbeats at province size: 134,400 cameras (Hebei's count) over 8 relays, on PGlite and
// PostgreSQL. Measured in the same run: the CPU and time of one heartbeat as it was (every heartbeat read every
// camera of the relay's jurisdiction and scored it against every live relay) and as it is (the relay's changes
// after its cursor, through keepAssignment); the first placement of every camera; and, after a relay dies, the
// heartbeat that moves its cameras and the time until every survivor has taken its part.
// CPU is this process's (user + system): with PGlite that includes the database; with PostgreSQL the
// database's own CPU is not in it, so the wall time is given too.
// Run: npx tsx bench/relay-assignment.ts [--cameras=134400] [--relays=8] [--rounds=3] [--db=pglite,postgres]
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import type { DomainContext } from '../server/context';
import { whereWithin } from '../server/db/scope';
import { createServiceToken } from '../server/auth/commands/createServiceToken';
import { systemActor, type ServiceActor } from '../server/policy/actor';
import { relayForIngest } from '../server/relays/assignment';
import { recordHeartbeat, type HeartbeatResult } from '../server/relays/commands/recordHeartbeat';
import { listLiveRelays, MISSED_HEARTBEATS } from '../server/relays/queries';
import { parseGbCameraUrl } from '../stream-relay/protocol';
import { argList, argValue } from './support/args';
import { median, openBenchDb } from './support/bench-db';

const ROUNDS = Number(argValue('rounds', '3'));
const cameraTotal = Number(argValue('cameras', '134400'));
const relayCount = Number(argValue('relays', '8'));
const kinds = argList('db', 'pglite,postgres') as Array<'pglite' | 'postgres'>;

/** Cameras up to the total, spread over the data set's canteens, all pulled (RTSP). */
async function seedCameras(db: Knex): Promise<number> {
  await db('cameras').update({ ingest: true });
  const { count } = (await db('cameras').count('* as count').first()) as { count: string | number };
  const missing = cameraTotal - Number(count);
  if (missing > 0) {
    await db.raw(
      `WITH cs AS (SELECT id, school_id, scope_path, row_number() OVER (ORDER BY id) - 1 AS i FROM canteens),
            n AS (SELECT count(*) AS c FROM cs)
       INSERT INTO cameras (id, canteen_id, school_id, name, area, stream_url, scope_path, ingest)
       SELECT gen_random_uuid(), cs.id, cs.school_id, 'bench ' || g, 'prep', 'rtsp://10.0.0.1/bench/' || g, cs.scope_path, true
         FROM generate_series(0, ? - 1) AS g JOIN cs ON cs.i = g % (SELECT c FROM n)`,
      [missing],
    );
  }
  return cameraTotal;
}

/** The heartbeat's camera work before the assignment table: every camera of the jurisdiction, scored. */
async function oldScan(db: Knex, relayId: string, scopePath: string, now: Date): Promise<number> {
  const relays = await listLiveRelays(db, now, 5);
  const cameras = (await whereWithin(db('cameras as m'), 'm.scope_path', scopePath)
    .leftJoin('gb_channels as c', 'c.camera_id', 'm.id')
    .leftJoin('gb_devices as d', 'd.id', 'c.device_id')
    .where('m.ingest', true)
    .orderBy('m.id')
    .select('m.id', 'm.stream_url', 'm.substream_url', 'm.codec', 'm.scope_path', 'd.relay_id as gb_relay_id')) as Array<{
    id: string;
    stream_url: string;
    scope_path: string;
    gb_relay_id: string | null;
  }>;
  return cameras.filter(
    (camera) =>
      relayForIngest(
        { id: camera.id, scopePath: camera.scope_path, gbRelayId: camera.gb_relay_id, gb: parseGbCameraUrl(camera.stream_url) !== null },
        relays,
      )?.id === relayId,
  ).length;
}

async function measure<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, value };
}

async function run(kind: 'pglite' | 'postgres') {
  const bench = await openBenchDb(kind);
  const db = bench.database.knex;
  await seedCameras(db);
  let clock = Date.now();
  const ctx: DomainContext = { ...bench.ctx, now: () => new Date(clock) };
  const heartbeatSeconds = ctx.config.relayHeartbeatSeconds;
  const root = (await db('jurisdictions')
    .whereNull('parent_id')
    .orderBy('path')
    .first('id', 'code', 'level', 'name', 'path')) as ServiceActor['node'];
  const relays = Array.from({ length: relayCount }, (_, i) => `relay-${i + 1}`);
  const tokens = new Map<string, string>();
  for (const relayId of relays) {
    tokens.set(relayId, (await createServiceToken(ctx, { actor: systemActor('bench') }, { name: relayId, kind: 'relay' })).id);
  }
  const actorOf = (relayId: string): ServiceActor => ({
    kind: 'service',
    id: tokens.get(relayId)!,
    name: relayId,
    service: 'relay',
    node: root,
  });
  const cursors = new Map<string, string | undefined>();
  const beat = async (relayId: string): Promise<HeartbeatResult> => {
    const answer = await recordHeartbeat(ctx, actorOf(relayId), {
      relayId,
      url: `http://127.0.0.1:1/${relayId}`,
      cameras: [],
      assignmentCursor: cursors.get(relayId),
    });
    cursors.set(relayId, answer.assignment.cursor);
    return answer;
  };
  const pendingLeft = async () => Number(((await db('camera_assignment_pending').count('* as n').first()) as { n: string | number }).n);

  // First placement: every relay joins; the pending marks of the seeding are worked off over a few heartbeats.
  const first = await measure(async () => {
    for (const relayId of relays) await beat(relayId);
    let passes = 0;
    while ((await pendingLeft()) > 0) {
      clock += 1000;
      await beat(relays[passes % relays.length]!);
      passes += 1;
    }
    return passes;
  });
  const assigned = Number(((await db('camera_assignments').count('* as n').first()) as { n: string | number }).n);
  for (const relayId of relays) await beat(relayId); // everyone's cursor past the first placement

  const oldBeat: number[] = [];
  const oldCpu: number[] = [];
  const newBeat: number[] = [];
  const newCpu: number[] = [];
  let share = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    clock += heartbeatSeconds * 1000;
    for (const relayId of relays) {
      const old = await measure(() => oldScan(db, relayId, root.path, new Date(clock)));
      share = old.value;
      oldBeat.push(old.ms);
      oldCpu.push(old.cpuMs);
      const current = await measure(() => beat(relayId));
      newBeat.push(current.ms);
      newCpu.push(current.cpuMs);
    }
  }

  // A relay dies: the others go on beating; it is presumed dead once it has missed MISSED_HEARTBEATS.
  const dead = relays[relays.length - 1]!;
  const survivors = relays.filter((relayId) => relayId !== dead);
  const deadShare = Number(((await db('camera_assignments').where('relay_id', dead).count('* as n').first()) as { n: string | number }).n);
  for (let missed = 0; missed < MISSED_HEARTBEATS; missed += 1) {
    clock += heartbeatSeconds * 1000;
    for (const relayId of survivors) await beat(relayId);
  }
  clock += heartbeatSeconds * 1000;
  const noticed = await measure(() => beat(survivors[0]!));
  let received = noticed.value.cameras.length;
  const rest = await measure(async () => {
    for (const relayId of survivors.slice(1)) received += (await beat(relayId)).cameras.length;
  });
  const stillDead = Number(((await db('camera_assignments').where('relay_id', dead).count('* as n').first()) as { n: string | number }).n);

  await bench.close();
  return {
    kind,
    assigned,
    firstMs: first.ms,
    firstPasses: first.value,
    share,
    oldMs: median(oldBeat),
    oldCpuMs: median(oldCpu),
    newMs: median(newBeat),
    newCpuMs: median(newCpu),
    deadShare,
    movedOnHeartbeatMs: noticed.ms,
    movedOnHeartbeatCpuMs: noticed.cpuMs,
    allSurvivorsMs: noticed.ms + rest.ms,
    received,
    stillDead,
  };
}

const fmt = (n: number) => n.toFixed(1);
console.log(`# Relay assignment: ${cameraTotal} cameras over ${relayCount} relays (median of ${ROUNDS} rounds × ${relayCount} heartbeats)`);
for (const kind of kinds) {
  const r = await run(kind);
  console.log(`\n## ${r.kind}`);
  console.log(
    `cameras assigned: ${r.assigned}; first placement ${fmt(r.firstMs)} ms (${relayCount} joins + ${r.firstPasses} pending passes)`,
  );
  console.log(
    `per heartbeat (share ${r.share}): old scan ${fmt(r.oldMs)} ms, CPU ${fmt(r.oldCpuMs)} ms | new ${fmt(r.newMs)} ms, CPU ${fmt(r.newCpuMs)} ms`,
  );
  console.log(
    `relay death (${r.deadShare} cameras): the heartbeat that moves them ${fmt(r.movedOnHeartbeatMs)} ms (CPU ${fmt(r.movedOnHeartbeatCpuMs)} ms); ` +
      `every survivor has its part after ${fmt(r.allSurvivorsMs)} ms of heartbeats; cameras handed out ${r.received}; left on the dead relay ${r.stillDead}`,
  );
}
