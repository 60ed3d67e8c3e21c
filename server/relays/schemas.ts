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

/** The alerts' evidence clips, kept centrally (DATA_DIR/clips) for as long as their alerts, within CLIPS_MAX_GB. */
export const ClipStorage = z.object({
  /** Ready clips of alerts in your jurisdiction, their bytes, and the clips still to be cut there. */
  count: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  /** All clips against the budget: at the budget no new clip is cut (the kept ones are never deleted for room). */
  usedBytes: z.number().int().nonnegative(),
  budgetBytes: z.number().int().positive(),
});

/** GET /api/system/storage */
export const StorageOverview = z.object({ relays: z.array(RelayStorage), clips: ClipStorage });
