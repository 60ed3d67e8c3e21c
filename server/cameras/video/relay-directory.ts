// Finds the relay that pulls a camera: one indexed read of the assignment table (kept by the relays'
// heartbeats, server/relays/commands/keepAssignment.ts). A camera not placed yet (added since the last
// heartbeat) is placed as the next heartbeat will place it, from the live relays.
import type { Knex } from 'knex';
import { parseGbCameraUrl } from '../../../stream-relay/protocol';
import { DomainError } from '../../errors';
import { relayForIngest, type LiveRelay } from '../../relays/assignment';
import { assignedRelayOf, listLiveRelays } from '../../relays/queries';

export const cameraUnavailable = (why: string) => new DomainError('unavailable', 'camera_unavailable', why);

export interface VideoCamera {
  id: string;
  scopePath: string;
  codec: 'h264' | 'h265' | 'mpeg4' | 'mjpeg';
  isPublic: boolean;
  ingest: boolean;
}

export class RelayDirectory {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date,
    private readonly heartbeatSeconds: number,
  ) {}

  async camera(cameraId: string): Promise<VideoCamera | undefined> {
    const row = (await this.db('cameras').where({ id: cameraId }).first('id', 'scope_path', 'codec', 'is_public', 'ingest')) as
      { id: string; scope_path: string; codec: VideoCamera['codec']; is_public: boolean; ingest: boolean } | undefined;
    return row && { id: row.id, scopePath: row.scope_path, codec: row.codec, isPublic: row.is_public, ingest: row.ingest };
  }

  /** The relay pulling this camera; 503 when the camera is not pulled or no live relay covers it. */
  async relayOf(camera: VideoCamera): Promise<LiveRelay> {
    if (!camera.ingest) throw cameraUnavailable('This camera is not connected to the video platform');
    const relay = (await assignedRelayOf(this.db, camera.id, this.now(), this.heartbeatSeconds)) ?? (await this.placeAhead(camera));
    if (!relay) throw cameraUnavailable('No stream relay is running for this camera');
    return relay;
  }

  private async placeAhead(camera: VideoCamera): Promise<LiveRelay | undefined> {
    const row = (await this.db('cameras as m')
      .leftJoin('gb_channels as c', 'c.camera_id', 'm.id')
      .leftJoin('gb_devices as d', 'd.id', 'c.device_id')
      .where('m.id', camera.id)
      .first('m.stream_url', 'd.relay_id')) as { stream_url: string; relay_id: string | null } | undefined;
    if (!row) return undefined;
    const live = await listLiveRelays(this.db, this.now(), this.heartbeatSeconds);
    return relayForIngest({ ...camera, gbRelayId: row.relay_id, gb: parseGbCameraUrl(row.stream_url) !== null }, live);
  }
}
