import { z } from 'zod';
import { Instant } from '../../http/common-schemas';
import { LiveFormat, RecordingSegment } from '../../../stream-relay/protocol';

const MAX_PLAYBACK_HOURS = 24;

export const LiveRequest = z
  .strictObject({
    format: LiveFormat.optional(),
    /** A grid tile: the camera's sub-stream, where it has one. */
    sub: z.boolean().optional(),
  })
  .default({});
export type LiveRequest = z.infer<typeof LiveRequest>;

export const LiveTicket = z.object({
  /** A WebSocket path on this server (same origin), valid for connecting until `expiresAt`. */
  url: z.string(),
  format: LiveFormat,
  expiresAt: z.iso.datetime({ offset: true }),
});

export const TimeRangeQuery = z
  .object({ from: Instant, to: Instant })
  .transform((range) => ({ from: new Date(range.from), to: new Date(range.to) }))
  .refine((range) => range.from < range.to, { message: '`from` must be before `to`', path: ['from'] })
  .refine((range) => range.to.getTime() - range.from.getTime() <= MAX_PLAYBACK_HOURS * 3600_000, {
    message: `A range may span at most ${MAX_PLAYBACK_HOURS} hours`,
    path: ['to'],
  });

export const RecordingListResponse = z.object({ segments: z.array(RecordingSegment) });

export const CapturedSnapshot = z.object({
  id: z.uuid(),
  mime: z.string(),
  bytes: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  capturedAt: z.iso.datetime({ offset: true }),
});
