// Which relay pulls which camera: rendezvous (highest-random-weight) hashing over the live relays whose
// jurisdiction holds the camera. Every server process computes the same answer from the same relay list, a
// relay joining or leaving moves only its share of the cameras, and no table of assignments can go stale.
import { isWithin } from '../policy/actor';

export interface LiveRelay {
  id: string;
  url: string;
  scopePath: string;
}

/** FNV-1a (32 bits) with a final avalanche: fast enough to score every camera against every relay. */
function score(relayId: string, cameraId: string): number {
  let hash = 0x811c9dc5;
  const key = `${relayId}\u0000${cameraId}`;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/**
 * The relay that should pull this camera, or undefined when no live relay covers it. A GB/T 28181 channel can
 * be pulled only through the SIP server its device registered with: that relay's, if it is live.
 */
export function relayForIngest(
  camera: { id: string; scopePath: string; gbRelayId: string | null; gb: boolean },
  relays: readonly LiveRelay[],
): LiveRelay | undefined {
  if (camera.gb) return relays.find((relay) => relay.id === camera.gbRelayId && isWithin(camera.scopePath, relay.scopePath));
  return relayForCamera(camera, relays);
}

/** The relay that should pull this camera, or undefined when no live relay covers it. */
export function relayForCamera(camera: { id: string; scopePath: string }, relays: readonly LiveRelay[]): LiveRelay | undefined {
  let best: LiveRelay | undefined;
  let bestScore = -1;
  for (const relay of relays) {
    if (!isWithin(camera.scopePath, relay.scopePath)) continue;
    const value = score(relay.id, camera.id);
    // Ties (vanishingly rare) go to the smaller id, so every process agrees.
    if (value > bestScore || (value === bestScore && best && relay.id < best.id)) {
      best = relay;
      bestScore = value;
    }
  }
  return best;
}
