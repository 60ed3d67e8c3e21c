// Finds the relay that pulls a camera, from the live relays (cached for a moment: every viewer's request
// asks, and the answer changes only when a relay joins or leaves).
import type { Knex } from 'knex';
import { DomainError } from '../../errors';
import { relayForCamera, type LiveRelay } from '../../relays/assignment';
import { listLiveRelays } from '../../relays/queries';

const CACHE_MS = 2_000;

export const cameraUnavailable = (why: string) => new DomainError('unavailable', 'camera_unavailable', why);

export interface VideoCamera {
  id: string;
  scopePath: string;
  codec: 'h264' | 'h265' | 'mpeg4' | 'mjpeg';
  isPublic: boolean;
  ingest: boolean;
}

export class RelayDirectory {
  private cached: { at: number; relays: LiveRelay[] } | undefined;

  constructor(
    private readonly db: Knex,
    private readonly now: () => Date,
  ) {}

  async camera(cameraId: string): Promise<VideoCamera | undefined> {
    const row = (await this.db('cameras').where({ id: cameraId }).first('id', 'scope_path', 'codec', 'is_public', 'ingest')) as
      { id: string; scope_path: string; codec: VideoCamera['codec']; is_public: boolean; ingest: boolean } | undefined;
    return row && { id: row.id, scopePath: row.scope_path, codec: row.codec, isPublic: row.is_public, ingest: row.ingest };
  }

  /** The relay pulling this camera; 503 when the camera is not pulled or no relay covers it. */
  async relayOf(camera: VideoCamera): Promise<LiveRelay> {
    if (!camera.ingest) throw cameraUnavailable('This camera is not connected to the video platform');
    const at = this.now().getTime();
    if (!this.cached || at - this.cached.at > CACHE_MS) this.cached = { at, relays: await listLiveRelays(this.db, this.now()) };
    const relay = relayForCamera(camera, this.cached.relays);
    if (!relay) throw cameraUnavailable('No stream relay is running for this camera');
    return relay;
  }
}
