// The GB ids under which our cameras are shared with the upper platform (cascade). A bound GB channel keeps
// its own channel id. An RTSP camera gets one made from its county's administrative code, type 131 (camera)
// and a serial: its rank among the county's cameras by creation, which never changes (cameras are never
// deleted, a new one ranks after the old ones).
import { codesOfPath } from '../policy/actor';
import { GB_ID_TYPES, makeGbId } from '../../gb28181/gb-id';
import { parseGbCameraUrl } from '../../stream-relay/protocol';

export interface ShareableCamera {
  id: string;
  stream_url: string;
  scope_path: string;
  /** 1-based rank among the cameras of its county by (created_at, id). */
  county_rank: number;
}

/** The administrative code of the county (else the deepest 6-digit node) a scope path lies in. */
export function civilCodeOf(scopePath: string): string {
  return (
    codesOfPath(scopePath)
      .filter((code) => /^\d{6}$/.test(code))
      .at(-1) ?? '000000'
  );
}

export function sharedGbId(camera: ShareableCamera): string {
  const gb = parseGbCameraUrl(camera.stream_url);
  if (gb) return gb.channelId;
  return makeGbId(civilCodeOf(camera.scope_path), GB_ID_TYPES.camera, camera.county_rank % 1_000_000);
}
