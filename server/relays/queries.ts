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
  substream_url: string | null;
  codec: 'h264' | 'h265' | 'mpeg4' | 'mjpeg';
  scope_path: string;
  /** For a bound GB/T 28181 channel: the relay its device registered with (it alone can pull it). */
  gb_relay_id: string | null;
}

/** Cameras to be pulled under a jurisdiction. Selects the secret stream addresses: for relays only. */
export async function listIngestCameras(db: Knex, scopePath: string): Promise<IngestCamera[]> {
  return (await whereWithin(db('cameras as m'), 'm.scope_path', scopePath)
    .leftJoin('gb_channels as c', 'c.camera_id', 'm.id')
    .leftJoin('gb_devices as d', 'd.id', 'c.device_id')
    .where('m.ingest', true)
    .orderBy('m.id')
    .select('m.id', 'm.stream_url', 'm.substream_url', 'm.codec', 'm.scope_path', 'd.relay_id as gb_relay_id')) as IngestCamera[];
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
