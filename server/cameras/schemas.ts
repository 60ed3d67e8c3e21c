import { z } from 'zod';
import { pageOf, pagingQuery } from '../http/paging';
import { AdminCode } from '../org/schemas';

export const CAMERA_AREAS = ['storage', 'prep', 'cooking', 'washing', 'serving'] as const;
export const CAMERA_STATUSES = ['unknown', 'online', 'offline', 'frozen', 'blurred', 'covered'] as const;
export const CAMERA_CODECS = ['h264', 'h265', 'mpeg4', 'mjpeg'] as const;

/** Up to 64 camera ids, comma-separated: the cameras a video wall has on its tiles. */
const CameraIds = z
  .string()
  .transform((text) => text.split(',').filter(Boolean))
  .pipe(z.array(z.uuid()).min(1).max(64));

export const CameraListQuery = z.strictObject({
  ids: CameraIds.optional(),
  school: z.uuid().optional(),
  canteen: z.uuid().optional(),
  county: AdminCode.optional(),
  status: z.enum(CAMERA_STATUSES).optional(),
  area: z.enum(CAMERA_AREAS).optional(),
  /** Text in the camera's, its canteen's or its school's name. */
  q: z.string().trim().min(1).max(50).optional(),
  ...pagingQuery,
});

/** A camera as any viewer may see it: never its stream URL or credentials. */
export const Camera = z
  .object({
    id: z.uuid(),
    name: z.string(),
    area: z.enum(CAMERA_AREAS),
    codec: z.enum(CAMERA_CODECS),
    isPublic: z.boolean(),
    status: z.enum(CAMERA_STATUSES),
    statusChangedAt: z.iso.datetime().nullable(),
    /** Pulled by a stream relay (live video, recording, health); a camera not connected shows no video. */
    connected: z.boolean(),
    canteen: z.object({ id: z.uuid(), name: z.string() }),
    school: z.object({ id: z.uuid(), name: z.string() }),
    version: z.number().int(),
  })
  .meta({ id: 'Camera' });
export const CameraPage = pageOf(Camera);

const rtspUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^rtsps?:\/\/[^\s]+$/, 'must be an rtsp:// URL');

export const CameraUpdateBody = z.strictObject({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(60).optional(),
  area: z.enum(CAMERA_AREAS).optional(),
  isPublic: z.boolean().optional(),
  codec: z.enum(CAMERA_CODECS).optional(),
  /** Pull this camera through a stream relay (live, recording, health) or not. */
  connected: z.boolean().optional(),
  /** Write-only: stored, never returned. */
  streamUrl: rtspUrl.optional(),
  substreamUrl: rtspUrl.nullable().optional(),
});
