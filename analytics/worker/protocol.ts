// What a detection worker and the server say to each other, as zod schemas both import: the heartbeat (the
// worker's model and labels, which make the catalogue's categories live), the assignment (cameras with their
// rules) or, with Redis, the claim and end of sampling visits, and the raw frame kept beside an alert for the
// training data set.
import { z } from 'zod';
import { InstantSchema } from '../calendar/schemas';
import { CAMERA_AREAS } from '../rules/defaults';
import { CameraRules } from '../rules/schema';

export const WORKER_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const CAMERA_STATUSES = ['unknown', 'online', 'offline', 'frozen', 'blurred', 'covered'] as const;

const count = z.int().min(0);

export const WorkerStats = z.strictObject({
  sampled: count,
  skippedMotion: count,
  duplicates: count,
  analysed: count,
  dropped: count,
  firings: count,
  alertsPosted: count,
  errors: count,
});
export type WorkerStats = z.infer<typeof WorkerStats>;

export const WorkerHeartbeat = z.strictObject({
  workerId: z.string().regex(WORKER_ID_PATTERN, 'lower-case letters, digits and dashes'),
  model: z.strictObject({
    name: z.string().min(1).max(80),
    labels: z.array(z.string().min(1).max(60)).max(1000),
  }),
  cameras: count,
  /** How often this worker heartbeats: it counts as gone after three missed beats. */
  intervalSeconds: z.int().min(1).max(3600),
  stats: WorkerStats,
});
export type WorkerHeartbeat = z.infer<typeof WorkerHeartbeat>;

/**
 * How the pool shares the cameras: `assignment` (each worker asks for its share and samples it all the time) or
 * `queue` (the server has Redis: workers claim cameras due for a visit, weighted by risk).
 */
export const SAMPLING_MODES = ['assignment', 'queue'] as const;
export type SamplingMode = (typeof SAMPLING_MODES)[number];

export const WorkerHeartbeatAnswer = z.object({
  workerId: z.string(),
  /** The categories this worker's model makes live. */
  liveCategories: z.array(z.string()),
  sampling: z.enum(SAMPLING_MODES).default('assignment'),
});
export type WorkerHeartbeatAnswer = z.infer<typeof WorkerHeartbeatAnswer>;

export const AssignedCamera = z.object({
  id: z.uuid(),
  name: z.string(),
  area: z.enum(CAMERA_AREAS),
  status: z.enum(CAMERA_STATUSES),
  /** The school's jurisdiction code: snapshots are uploaded to the school, so everyone who sees the alert sees them. */
  schoolCode: z.string(),
  rules: CameraRules,
  /** Counts up with every change (0: never configured). */
  rulesVersion: z.int().min(0),
  rulesSource: z.enum(['default', 'camera']),
});
export type AssignedCamera = z.infer<typeof AssignedCamera>;

export const AssignmentQuery = z.strictObject({
  worker: z.string().regex(WORKER_ID_PATTERN, 'lower-case letters, digits and dashes'),
});

export const Assignments = z.object({
  workerId: z.string(),
  cameras: z.array(AssignedCamera),
});
export type Assignments = z.infer<typeof Assignments>;

export const VisitClaim = z.strictObject({
  worker: z.string().regex(WORKER_ID_PATTERN, 'lower-case letters, digits and dashes'),
  /** Visits the worker has room for now. */
  max: z.int().min(1).max(100),
});
export type VisitClaim = z.infer<typeof VisitClaim>;

export const Visits = z.object({
  workerId: z.string(),
  /** How long to sample each camera before reporting the visit done. */
  visitSeconds: z.int().positive(),
  cameras: z.array(AssignedCamera),
});
export type Visits = z.infer<typeof Visits>;

export const VisitsDone = z.strictObject({
  worker: z.string().regex(WORKER_ID_PATTERN, 'lower-case letters, digits and dashes'),
  cameras: z.array(z.uuid()).min(1).max(1000),
});
export type VisitsDone = z.infer<typeof VisitsDone>;

export const VisitsDoneAnswer = z.object({
  /** Visits ended and due again later; a visit whose lease had run out (taken by another worker) is not counted. */
  ended: count,
});

export const FrameBox = z.strictObject({
  label: z.string().min(1).max(60),
  score: z.number().min(0).max(1),
  /** [x1, y1, x2, y2] in the frame's pixels. */
  box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  trackId: z.int().min(0).optional(),
});

/** The raw frame of one firing, kept with its alert (the alert's snapshot is the annotated copy). */
export const FrameReport = z.strictObject({
  alertId: z.uuid(),
  frameId: z.uuid(),
  model: z.string().min(1).max(80),
  capturedAt: InstantSchema,
  width: z.int().positive(),
  height: z.int().positive(),
  boxes: z.array(FrameBox).max(50),
});
export type FrameReport = z.infer<typeof FrameReport>;
