import { z } from 'zod';
import { Instant } from '../http/common-schemas';
import { CameraRules, DETECTOR_CATEGORY_CODES } from '../../analytics/rules';
import { CAMERA_AREAS } from '../cameras/schemas';

export const CatalogueItem = z.object({
  code: z.string(),
  zh: z.string(),
  en: z.string(),
  severity: z.enum(['low', 'medium', 'high']),
  /** `detector`: decided by a detection worker; `relay`: a camera fault from the stream relay's health checks. */
  source: z.enum(['detector', 'relay']),
  /** Labels the model needs: all of `all` and one of `any`. Empty for relay categories. */
  labels: z.object({ all: z.array(z.string()), any: z.array(z.string()) }),
  /** Whether a live worker's model (or, for camera faults, the relay) can decide it now. */
  live: z.boolean(),
  /** The models, of the live workers, that make it live. */
  liveWith: z.array(z.string()),
  defaults: z
    .object({
      when: z.enum(['always', 'working_hours', 'after_hours']),
      dwellSeconds: z.number(),
      cooldownSeconds: z.number(),
      minScore: z.number(),
      minPersons: z.number().optional(),
    })
    .nullable(),
  note: z.string(),
});

export const CatalogueResponse = z
  .object({
    /** The models of the detection workers heard from recently, in the caller's jurisdiction. */
    models: z.array(
      z.object({
        name: z.string(),
        labels: z.array(z.string()),
        workers: z.number().int(),
        lastSeenAt: z.iso.datetime(),
      }),
    ),
    items: z.array(CatalogueItem),
  })
  .meta({ id: 'AnalyticsCatalogue' });

export const CameraRulesResponse = z
  .object({
    cameraId: z.uuid(),
    area: z.enum(CAMERA_AREAS),
    /** `default`: the city-wide defaults of the camera's area; `camera`: rules set for this camera. */
    source: z.enum(['default', 'camera']),
    /** Send it back with a change; 0 for a camera that never had rules of its own. */
    version: z.number().int().min(0),
    rules: CameraRules,
    updatedAt: z.iso.datetime().nullable(),
    /** Enabled categories that a live worker's model can decide now. */
    liveCategories: z.array(z.enum(DETECTOR_CATEGORY_CODES)),
  })
  .meta({ id: 'CameraRules' });

export const CameraRulesUpdate = z.strictObject({
  version: z.number().int().min(0),
  /** New rules for the camera, or null to return it to the city-wide defaults. */
  rules: CameraRules.nullable(),
});

export const DatasetQuery = z.strictObject({
  format: z.enum(['coco', 'yolo']).default('coco'),
  /** Alerts last seen from (inclusive)… to (exclusive); default: the last 30 days. */
  from: Instant.optional(),
  to: Instant.optional(),
  category: z.enum(DETECTOR_CATEGORY_CODES).optional(),
  /** Alerts at most (oldest first); the archive's manifest says when there were more. */
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export const FrameKept = z.object({ id: z.uuid() });
