// What the server answers about its stream relays (the heartbeat's shapes are the relay's contract, in
// stream-relay/protocol.ts).
import { z } from 'zod';
import { StorageReport } from '../../stream-relay/protocol';

export const RelayStorage = z.object({
  relayId: z.string(),
  /** Heard from within the last few heartbeats. */
  live: z.boolean(),
  lastSeenAt: z.iso.datetime(),
  cameraCount: z.number().int().nonnegative(),
  /** Its last report; null until it sent one. */
  storage: StorageReport.nullable(),
});

/** GET /api/system/storage */
export const StorageOverview = z.object({ relays: z.array(RelayStorage) });
