import { z } from 'zod';
import { DeadlineFields } from '../http/common-schemas';
import { pageOf, pagingQuery } from '../http/paging';
import { AdminCode } from '../org/schemas';

export const COMPLAINT_CATEGORIES = ['hygiene', 'foreign_matter', 'food_quality', 'illness', 'staff', 'price_quantity', 'other'] as const;
export const COMPLAINT_CATEGORY_NAMES: Record<(typeof COMPLAINT_CATEGORIES)[number], string> = {
  hygiene: '卫生问题',
  foreign_matter: '饭菜异物',
  food_quality: '食品质量',
  illness: '食用后不适',
  staff: '从业人员问题',
  price_quantity: '价格分量',
  other: '其他',
};
export const COMPLAINT_STATUSES = ['received', 'processing', 'closed'] as const;

/** Sent as JSON or as multipart form fields (with an optional "photo"). */
export const ComplaintBody = z.strictObject({
  schoolId: z.uuid(),
  category: z.enum(COMPLAINT_CATEGORIES),
  text: z.string().trim().min(5, 'describe the problem in at least 5 characters').max(1000),
  contact: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,30}$/, 'must be a phone number')
    .optional(),
});

export const TrackingCode = z.string().regex(/^TS[0-9A-HJKMNP-TV-Z]{8}$/, 'must be a tracking code like TS7K3M9Q2P');

export const ComplaintStatus = z.object({
  trackingCode: z.string(),
  school: z.string(),
  category: z.enum(COMPLAINT_CATEGORIES),
  status: z.enum(COMPLAINT_STATUSES),
  reply: z.string().nullable(),
  createdAt: z.iso.datetime(),
  repliedAt: z.iso.datetime().nullable(),
});

export const Complaint = z
  .object({
    id: z.uuid(),
    trackingCode: z.string(),
    school: z.object({ id: z.uuid(), name: z.string() }),
    county: z.object({ code: z.string(), name: z.string() }),
    category: z.enum(COMPLAINT_CATEGORIES),
    text: z.string(),
    contact: z.string().nullable(),
    photoId: z.uuid().nullable(),
    status: z.enum(COMPLAINT_STATUSES),
    founded: z.boolean().nullable(),
    reply: z.string().nullable(),
    taskId: z.uuid().nullable(),
    alertId: z.uuid().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    repliedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Complaint' });

export const ComplaintListQuery = z.strictObject({
  status: z.enum(COMPLAINT_STATUSES).optional(),
  county: AdminCode.optional(),
  school: z.uuid().optional(),
  ...pagingQuery,
});
export const ComplaintPage = pageOf(Complaint);

export const ComplaintDispatchBody = z.strictObject({
  version: z.number().int().min(1),
  note: z.string().trim().max(2000).optional(),
  ...DeadlineFields,
});

export const ComplaintReplyBody = z.strictObject({
  version: z.number().int().min(1),
  reply: z.string().trim().min(2).max(2000),
  founded: z.boolean(),
});

export const RatingBody = z.strictObject({
  stars: z.number().int().min(1).max(5),
  comment: z.string().trim().max(300).optional(),
});
