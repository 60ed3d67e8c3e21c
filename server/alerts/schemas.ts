import { z } from 'zod';
import { Instant } from '../http/common-schemas';
import { DeadlineFields, IdempotencyKey } from '../http/common-schemas';
import { pageOf, pagingQuery } from '../http/paging';
import { AdminCode } from '../org/schemas';
import { ALERT_CATEGORY_CODES, ALERT_SOURCES } from './categories';

import { ALERT_STATUSES } from './state-machine';

export { ALERT_STATUSES };

export const DetectionBox = z.strictObject({
  label: z.string().min(1).max(40),
  score: z.number().min(0).max(1),
  /** [x1, y1, x2, y2] in image pixels. */
  box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});

export const RaiseAlertBody = z
  .strictObject({
    source: z.enum(ALERT_SOURCES),
    category: z.enum(ALERT_CATEGORY_CODES),
    cameraId: z.uuid().optional(),
    canteenId: z.uuid().optional(),
    schoolId: z.uuid().optional(),
    confidence: z.number().min(0).max(1).optional(),
    detectedAt: Instant.optional(),
    snapshotId: z.uuid().optional(),
    boxes: z.array(DetectionBox).max(50).optional(),
    summary: z.string().trim().max(500).optional(),
    details: z
      .record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
      .refine((value) => Object.keys(value).length <= 20, 'at most 20 details')
      .optional(),
    idempotencyKey: IdempotencyKey.optional(),
  })
  .refine((body) => body.cameraId ?? body.canteenId ?? body.schoolId, {
    message: 'name the camera, canteen or school',
    path: ['cameraId'],
  });

export const AlertListQuery = z.strictObject({
  county: AdminCode.optional(),
  school: z.uuid().optional(),
  camera: z.uuid().optional(),
  category: z.enum(ALERT_CATEGORY_CODES).optional(),
  source: z.enum(ALERT_SOURCES).optional(),
  status: z.enum(ALERT_STATUSES).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  /** Only the alerts the calling user has not acknowledged (知悉), e.g. the emergency banner's. */
  unacknowledged: z.enum(['true', 'false']).optional(),
  ...pagingQuery,
});

/** The list's filters, but not status or paging: one count per status. */
export const AlertCountsQuery = AlertListQuery.omit({ status: true, unacknowledged: true, page: true, pageSize: true });

export const AlertCounts = z
  .object(
    Object.fromEntries(ALERT_STATUSES.map((status) => [status, z.number().int()])) as Record<(typeof ALERT_STATUSES)[number], z.ZodNumber>,
  )
  .meta({ id: 'AlertCounts' });

export const TriageBody = z
  .strictObject({
    ids: z.array(z.uuid()).min(1).max(200),
    action: z.enum(['confirm', 'dismiss']),
    /** One reason for all: required to dismiss. */
    reason: z.string().trim().min(2).max(500).optional(),
  })
  .refine((body) => body.action !== 'dismiss' || body.reason, { message: 'a dismissal needs a reason', path: ['reason'] });

export const Alert = z
  .object({
    id: z.uuid(),
    source: z.enum(ALERT_SOURCES),
    category: z.enum(ALERT_CATEGORY_CODES),
    categoryName: z.string(),
    severity: z.enum(['low', 'medium', 'high']),
    status: z.enum(ALERT_STATUSES),
    school: z.object({ id: z.uuid(), name: z.string() }),
    county: z.object({ code: z.string(), name: z.string() }),
    canteen: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    camera: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    confidence: z.number().nullable(),
    count: z.number().int(),
    firstSeenAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    snapshotId: z.uuid().nullable(),
    boxes: z.array(DetectionBox).nullable(),
    summary: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    dismissReason: z.string().nullable(),
    taskId: z.uuid().nullable(),
    /** Who decided on it: a user's name, or the system step (auto-dispatch, camera health) that did. */
    decidedBy: z.object({ kind: z.enum(['user', 'system']), name: z.string() }).nullable(),
    decidedAt: z.iso.datetime().nullable(),
    resolvedAt: z.iso.datetime().nullable(),
    /** Why the case ended by itself, e.g. how long the camera was down. */
    resolution: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Alert' });

export const AlertPage = pageOf(Alert);

export const TriageResults = z
  .object({
    results: z.array(
      z.union([
        z.object({ id: z.uuid(), ok: z.literal(true), alert: Alert }),
        z.object({ id: z.uuid(), ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
      ]),
    ),
  })
  .meta({ id: 'AlertTriageResults' });
export const RaiseAlertResponse = z.object({ alert: Alert, outcome: z.enum(['created', 'folded', 'replayed']) });

export const ConfirmBody = z.strictObject({
  version: z.number().int().min(1),
  dispatch: z
    .strictObject({
      to: z.enum(['school', 'county']).default('school'),
      title: z.string().trim().min(1).max(100).optional(),
      note: z.string().trim().max(2000).optional(),
      ...DeadlineFields,
    })
    .optional(),
});

export const DismissBody = z.strictObject({
  version: z.number().int().min(1),
  reason: z.string().trim().min(2).max(500),
});

export const Acknowledgement = z
  .object({
    alertId: z.uuid(),
    userId: z.uuid(),
    acknowledgedAt: z.iso.datetime(),
  })
  .meta({ id: 'AlertAcknowledgement' });

export const AcknowledgementList = z
  .object({
    /** First acknowledged first. */
    items: z.array(
      z.object({
        user: z.object({ id: z.uuid(), displayName: z.string(), node: z.object({ code: z.string(), name: z.string() }) }),
        at: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'AlertAcknowledgementList' });
