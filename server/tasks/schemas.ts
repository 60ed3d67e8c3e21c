import { z } from 'zod';
import { AttachmentIds } from '../attachments/schemas';
import { ALERT_CATEGORY_CODES } from '../alerts/categories';
import { DeadlineFields, IdempotencyKey } from '../http/common-schemas';
import { pageOf, pagingQuery, searchText } from '../http/paging';
import { LEVELS } from '../policy/actor';
import { AdminCode, NodeCode, SCHOOL_TYPES } from '../org/schemas';
import { TASK_ACTIONS, TASK_STATES } from './state-machine';

const Note = z.string().trim().min(1).max(2000);
const Version = z.number().int().min(1);

export const DispatchBody = z.strictObject({
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).default(''),
  assignee: NodeCode,
  canteenId: z.uuid().optional(),
  category: z.enum(ALERT_CATEGORY_CODES).optional(),
  alertId: z.uuid().optional(),
  attachmentIds: AttachmentIds,
  idempotencyKey: IdempotencyKey.optional(),
  ...DeadlineFields,
});

export const BulkBody = z.strictObject({
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).default(''),
  target: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('county'), code: AdminCode }),
    z.strictObject({ kind: z.literal('schoolType'), type: z.enum(SCHOOL_TYPES), county: AdminCode.optional() }),
    z.strictObject({ kind: z.literal('schools'), codes: z.array(NodeCode).min(1).max(20000) }),
    z.strictObject({ kind: z.literal('openAlerts'), category: z.enum(ALERT_CATEGORY_CODES), county: AdminCode.optional() }),
  ]),
  attachmentIds: AttachmentIds,
  idempotencyKey: IdempotencyKey,
  ...DeadlineFields,
});

export const ActionBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept'), version: Version, note: Note.optional() }),
  z.strictObject({ action: z.literal('submit'), version: Version, note: Note, attachmentIds: AttachmentIds }),
  z.strictObject({ action: z.literal('approve'), version: Version, note: Note.optional() }),
  z.strictObject({ action: z.literal('return'), version: Version, reason: Note, deadline: DeadlineFields.deadline }),
  z.strictObject({
    action: z.literal('forward'),
    version: Version,
    schools: z.array(NodeCode).min(1).max(500),
    deadline: DeadlineFields.deadline,
    note: Note.optional(),
  }),
  z.strictObject({ action: z.literal('cancel'), version: Version, reason: Note }),
  z.strictObject({ action: z.literal('remind'), note: Note.optional() }),
  z.strictObject({ action: z.literal('comment'), note: Note, attachmentIds: AttachmentIds }),
]);

const States = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',') : value),
  z.array(z.enum(TASK_STATES)).max(TASK_STATES.length),
);

export const TaskListQuery = z.strictObject({
  box: z.enum(['inbox', 'outbox', 'all']).default('all'),
  state: States.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  county: AdminCode.optional(),
  school: z.uuid().optional(),
  category: z.enum(ALERT_CATEGORY_CODES).optional(),
  q: searchText,
  ...pagingQuery,
});

const NodeRef = z.object({ code: z.string(), name: z.string(), level: z.enum(LEVELS).optional() });

export const TaskSummary = z
  .object({
    id: z.uuid(),
    code: z.string(),
    title: z.string(),
    source: z.string(),
    category: z.string().nullable(),
    state: z.enum(TASK_STATES),
    issuer: NodeRef,
    assignee: NodeRef,
    school: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    canteen: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    camera: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    deadline: z.iso.datetime(),
    overdue: z.boolean(),
    overdueAt: z.iso.datetime().nullable(),
    parentId: z.uuid().nullable(),
    batchId: z.uuid().nullable(),
    alertId: z.uuid().nullable(),
    openChildren: z.number().int(),
    childCount: z.number().int(),
    returnCount: z.number().int(),
    remindCount: z.number().int(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'TaskSummary' });

export const TaskPage = pageOf(TaskSummary);

export const TimelineEntry = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  action: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  actor: z.object({ kind: z.string(), name: z.string().nullable(), node: z.string().nullable() }),
  note: z.string().nullable(),
  attachmentIds: z.array(z.uuid()),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const TaskDetail = TaskSummary.extend({
  description: z.string(),
  /** What the issuer asks of the assignee (整改要求): shown at the top of the task. */
  instruction: z.string().nullable(),
  /** The alert the task was made from: what was seen, how often and when, and its snapshot. */
  evidence: z
    .object({
      alertId: z.uuid(),
      category: z.enum(ALERT_CATEGORY_CODES),
      categoryName: z.string(),
      count: z.number().int(),
      firstSeenAt: z.iso.datetime(),
      lastSeenAt: z.iso.datetime(),
      snapshotId: z.uuid().nullable(),
    })
    .nullable(),
  canteenId: z.uuid().nullable(),
  complaintId: z.uuid().nullable(),
  patrolRecordId: z.uuid().nullable(),
  acceptedAt: z.iso.datetime().nullable(),
  submittedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  children: z.array(TaskSummary),
  timeline: z.array(TimelineEntry),
  allowedActions: z.array(z.enum(TASK_ACTIONS)),
}).meta({ id: 'TaskDetail' });

export const TaskCounts = z.object({
  dispatched: z.number().int(),
  accepted: z.number().int(),
  submitted: z.number().int(),
  returned: z.number().int(),
  closed: z.number().int(),
  cancelled: z.number().int(),
  overdue: z.number().int(),
});
