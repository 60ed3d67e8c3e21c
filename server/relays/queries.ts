import type { Knex } from 'knex';
import type { AssignedCamera, StorageReport } from '../../stream-relay/protocol';
import { whereWithin } from '../db/scope';
import type { LiveRelay } from './assignment';

/** A relay that has not been heard from for this many heartbeats is presumed gone; its cameras move. */
export const MISSED_HEARTBEATS = 3;

/** The moment before which a relay's last heartbeat means it is gone. */
export const liveSince = (now: Date, heartbeatSeconds: number) => new Date(now.getTime() - MISSED_HEARTBEATS * heartbeatSeconds * 1000);

/** Whether a relay last heard from at `lastSeenAt` still counts as running. */
export const isLive = (lastSeenAt: Date, now: Date, heartbeatSeconds: number) =>
  lastSeenAt.getTime() >= liveSince(now, heartbeatSeconds).getTime();

export async function listLiveRelays(db: Knex, now: Date, heartbeatSeconds: number): Promise<LiveRelay[]> {
  const rows = (await db('relays')
    .where('last_seen_at', '>=', liveSince(now, heartbeatSeconds))
    .orderBy('id')
    .select('id', 'url', 'scope_path')) as Array<{
    id: string;
    url: string;
    scope_path: string;
  }>;
  return rows.map((row) => ({ id: row.id, url: row.url, scopePath: row.scope_path }));
}

/** What decides a camera's relay: where it lies, whether it is pulled, and for a GB channel its device's relay. */
export interface AssignableCamera {
  id: string;
  /** Null: the camera was deleted (its assignment goes). */
  scope_path: string | null;
  stream_url: string | null;
  ingest: boolean | null;
  /** For a bound GB/T 28181 channel: the relay its device registered with (it alone can pull it). */
  gb_relay_id: string | null;
  /** The relay it is assigned to now, if any. */
  relay_id: string | null;
}

const ASSIGNABLE_COLUMNS = ['m.scope_path', 'm.stream_url', 'm.ingest', 'd.relay_id as gb_relay_id', 'a.relay_id'];

const withDevice = (query: Knex.QueryBuilder) =>
  query.leftJoin('gb_channels as c', 'c.camera_id', 'm.id').leftJoin('gb_devices as d', 'd.id', 'c.device_id');

/** The pulled cameras under any of these jurisdictions, with their current assignment. */
export async function listAssignableWithin(db: Knex, scopePaths: readonly string[]): Promise<AssignableCamera[]> {
  const query = withDevice(db('cameras as m'))
    .leftJoin('camera_assignments as a', 'a.camera_id', 'm.id')
    .where('m.ingest', true)
    .where((q) => {
      for (const path of scopePaths) void q.orWhere((inner) => void whereWithin(inner, 'm.scope_path', path));
    });
  return (await query.select('m.id', ...ASSIGNABLE_COLUMNS)) as AssignableCamera[];
}

/** The cameras assigned to these relays. */
export async function listAssignedTo(db: Knex, relayIds: readonly string[]): Promise<AssignableCamera[]> {
  return (await withDevice(db('camera_assignments as a').leftJoin('cameras as m', 'm.id', 'a.camera_id'))
    .whereIn('a.relay_id', relayIds)
    .select('a.camera_id as id', ...ASSIGNABLE_COLUMNS)) as AssignableCamera[];
}

/** Up to `limit` cameras marked for reassignment (their row, the channel, or the device changed). */
export async function listPending(db: Knex, limit: number): Promise<AssignableCamera[]> {
  return (await withDevice(db('camera_assignment_pending as p').leftJoin('cameras as m', 'm.id', 'p.camera_id'))
    .leftJoin('camera_assignments as a', 'a.camera_id', 'p.camera_id')
    .orderBy('p.camera_id')
    .limit(limit)
    .select('p.camera_id as id', ...ASSIGNABLE_COLUMNS)) as AssignableCamera[];
}

interface AssignedRow {
  id: string;
  stream_url: string;
  substream_url: string | null;
  codec: AssignedCamera['codec'];
}

const toAssigned = (row: AssignedRow): AssignedCamera => ({
  id: row.id,
  url: row.stream_url,
  ...(row.substream_url ? { substreamUrl: row.substream_url } : {}),
  codec: row.codec,
});

/** Every camera a relay should pull, with its secret addresses: for relays only. */
export async function listRelayCameras(db: Knex, relayId: string): Promise<AssignedCamera[]> {
  const rows = (await db('camera_assignments as a')
    .join('cameras as m', 'm.id', 'a.camera_id')
    .where({ 'a.relay_id': relayId, 'm.ingest': true })
    .orderBy('m.id')
    .select('m.id', 'm.stream_url', 'm.substream_url', 'm.codec')) as AssignedRow[];
  return rows.map(toAssigned);
}

/**
 * A relay's changes after `cursor`: the cameras it should now pull (new, or with a new address or codec), and
 * those it should stop. Reads only the relay's own change rows and the cameras they name.
 */
export async function listRelayChanges(
  db: Knex,
  relayId: string,
  cursor: number,
): Promise<{ cameras: AssignedCamera[]; removed: string[]; cursor: number }> {
  const rows = (await db
    .from(
      db('relay_assignment_changes')
        .where('relay_id', relayId)
        .where('seq', '>', cursor)
        .groupBy('camera_id')
        .select('camera_id', db.raw('max(seq) as seq'))
        .as('c'),
    )
    .leftJoin('camera_assignments as a', (on) => void on.on('a.camera_id', 'c.camera_id').andOnVal('a.relay_id', relayId))
    .leftJoin('cameras as m', (on) => void on.on('m.id', 'a.camera_id').andOnVal('m.ingest', true))
    .select('c.camera_id', 'c.seq', 'm.id', 'm.stream_url', 'm.substream_url', 'm.codec')) as Array<
    { camera_id: string; seq: string | number; id: string | null } & Omit<AssignedRow, 'id'>
  >;
  const cameras: AssignedCamera[] = [];
  const removed: string[] = [];
  let last = cursor;
  for (const row of rows) {
    last = Math.max(last, Number(row.seq));
    if (row.id) cameras.push(toAssigned(row as AssignedRow));
    else removed.push(row.camera_id);
  }
  return { cameras, removed, cursor: last };
}

/** The newest change row of a relay (0: none). */
export async function lastRelayChange(db: Knex, relayId: string): Promise<number> {
  const row = (await db('relay_assignment_changes').where('relay_id', relayId).max('seq as seq').first()) as {
    seq: string | number | null;
  };
  return Number(row.seq ?? 0);
}

/** The relay a camera is assigned to, with its address, if it is live. */
export async function assignedRelayOf(db: Knex, cameraId: string, now: Date, heartbeatSeconds: number): Promise<LiveRelay | undefined> {
  const row = (await db('camera_assignments as a')
    .join('relays as r', 'r.id', 'a.relay_id')
    .where('a.camera_id', cameraId)
    .where('r.last_seen_at', '>=', liveSince(now, heartbeatSeconds))
    .first('r.id', 'r.url', 'r.scope_path')) as { id: string; url: string; scope_path: string } | undefined;
  return row && { id: row.id, url: row.url, scopePath: row.scope_path };
}

export interface RelayStorageRow {
  id: string;
  scope_path: string;
  last_seen_at: Date;
  camera_count: number;
  storage: StorageReport | null;
}

/**
 * The relays that may record cameras of a jurisdiction: those assigned to it or to a part of it, and those
 * assigned to a jurisdiction above it (a province's relay records the city's cameras too).
 */
export async function listRelaysServing(db: Knex, scopePath: string): Promise<RelayStorageRow[]> {
  return (await db('relays')
    .where((q) => void whereWithin(q, 'scope_path', scopePath).orWhereRaw('starts_with(?::text, scope_path)', [scopePath]))
    .orderBy('id')
    .select('id', 'scope_path', 'last_seen_at', 'camera_count', 'storage')) as RelayStorageRow[];
}
