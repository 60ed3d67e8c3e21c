import type { Knex } from 'knex';
import type { StorageReport } from '../../stream-relay/protocol';
import { whereWithin } from '../db/scope';
import type { LiveRelay } from './assignment';

/** A relay that has not been heard from for this many heartbeats is presumed gone; its cameras move. */
export const MISSED_HEARTBEATS = 3;
export const HEARTBEAT_SECONDS = 5;

export async function listLiveRelays(db: Knex, now: Date): Promise<LiveRelay[]> {
  const since = new Date(now.getTime() - MISSED_HEARTBEATS * HEARTBEAT_SECONDS * 1000);
  const rows = (await db('relays').where('last_seen_at', '>=', since).orderBy('id').select('id', 'url', 'scope_path')) as Array<{
    id: string;
    url: string;
    scope_path: string;
  }>;
  return rows.map((row) => ({ id: row.id, url: row.url, scopePath: row.scope_path }));
}

export interface IngestCamera {
  id: string;
  stream_url: string;
  codec: 'h264' | 'h265' | 'mpeg4' | 'mjpeg';
  scope_path: string;
}

/** Cameras to be pulled under a jurisdiction. Selects the secret stream address: for relays only. */
export async function listIngestCameras(db: Knex, scopePath: string): Promise<IngestCamera[]> {
  return (await whereWithin(db('cameras'), 'scope_path', scopePath)
    .where('ingest', true)
    .orderBy('id')
    .select('id', 'stream_url', 'codec', 'scope_path')) as IngestCamera[];
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

/** Whether a relay last heard from at `lastSeenAt` still counts as running. */
export const isLive = (lastSeenAt: Date, now: Date) => now.getTime() - lastSeenAt.getTime() <= MISSED_HEARTBEATS * HEARTBEAT_SECONDS * 1000;
