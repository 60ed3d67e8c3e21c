// The school ledgers (台账) on the wire: one payload schema per ledger kind, validated on the way in, and the
// requests and answers of the ledger routes.
import { z } from 'zod';
import { LEDGER_WARNING_CATEGORIES, type LedgerWarningCategory } from '../../analytics/ledgers';
import { EMERGENCY_TYPES, LEDGER_KINDS, type LedgerKind } from '../../analytics/ledgers/kinds';
import { boundedDateRange, CalendarDate, IdempotencyKey, Instant } from '../http/common-schemas';
import { FILTER_MAX_DAYS } from '../patrol/schemas';
import { pageOf, pagingQuery } from '../http/paging';
import { AdminCode } from '../org/schemas';

export { LEDGER_KINDS, type LedgerKind };

const text = (max: number) => z.string().trim().min(1).max(max);
const note = z.string().trim().max(2000).optional();
const instant = Instant;
export const MEALS = ['breakfast', 'lunch', 'dinner', 'snack'] as const;
const Meal = z.enum(MEALS);

/** 晨检: who was checked, and anyone found unfit to handle food that day. */
export const MorningCheckPayload = z.strictObject({
  checked: z
    .array(z.strictObject({ staffId: z.uuid().optional(), name: text(50) }))
    .min(1)
    .max(300),
  unfit: z
    .array(
      z.strictObject({
        staffId: z.uuid().optional(),
        name: text(50),
        symptoms: text(200),
        action: text(200),
      }),
    )
    .max(300)
    .default([]),
  note,
});

/** 菜谱: the dishes of each meal. */
export const MenuPayload = z.strictObject({
  meals: z
    .array(z.strictObject({ meal: Meal, dishes: z.array(text(50)).min(1).max(40) }))
    .min(1)
    .max(4),
  note,
});

/** 陪餐: school leaders or parents who ate with the pupils, and what they said. */
export const MealAccompanimentPayload = z.strictObject({
  meal: Meal,
  companions: z
    .array(z.strictObject({ name: text(50), role: z.enum(['leader', 'parent', 'teacher', 'other']) }))
    .min(1)
    .max(20),
  comments: text(2000),
  satisfied: z.boolean().optional(),
});

/** 留样: one dish of one meal, its weight, when it was taken and until when it is kept. */
export const FoodSamplePayload = z.strictObject({
  meal: Meal,
  dish: text(50),
  weightGrams: z.number().positive().max(5000),
  collectedAt: instant,
  retainedUntil: instant.optional(),
  discardedAt: instant.optional(),
  collectedBy: text(50).optional(),
});

/** 餐具消毒. */
export const DisinfectionPayload = z.strictObject({
  items: text(200),
  method: z.enum(['heat', 'steam', 'infrared', 'chemical', 'other']),
  durationMinutes: z.number().int().min(1).max(600),
  operator: text(50),
  note,
});

/** 每周自查: the answers to the inspection checklist. */
export const SelfInspectionPayload = z.strictObject({
  checklistId: z.uuid(),
  answers: z
    .array(
      z.strictObject({ item: z.string().max(20), result: z.enum(['pass', 'fail', 'na']), note: z.string().trim().max(500).optional() }),
    )
    .min(1)
    .max(300),
  note,
});

/** 索证索票: a purchase with the supplier's certificate (number or photo) and the invoice. */
export const PurchasePayload = z.strictObject({
  supplierId: z.uuid().optional(),
  supplierName: text(100),
  goods: z
    .array(z.strictObject({ name: text(100), quantity: z.number().positive().max(1e6), unit: text(10), batch: text(50).optional() }))
    .min(1)
    .max(100),
  certificateNumber: text(100).optional(),
  certificatePhotoId: z.uuid().optional(),
  invoicePhotoId: z.uuid().optional(),
  note,
});

/** 应急直报: an incident reported straight to the county and the city. */
export const EmergencyReportPayload = z.strictObject({
  type: z.enum(EMERGENCY_TYPES),
  occurredAt: instant,
  affected: z.number().int().min(0).max(100000),
  description: text(2000),
  measures: text(2000),
  contactPhone: z.string().trim().max(30).optional(),
});

export const LEDGER_PAYLOADS = {
  morning_check: MorningCheckPayload,
  menu: MenuPayload,
  meal_accompaniment: MealAccompanimentPayload,
  food_sample: FoodSamplePayload,
  disinfection: DisinfectionPayload,
  self_inspection: SelfInspectionPayload,
  purchase: PurchasePayload,
  emergency_report: EmergencyReportPayload,
} as const satisfies Record<LedgerKind, z.ZodType>;

export type LedgerPayload<K extends LedgerKind> = z.output<(typeof LEDGER_PAYLOADS)[K]>;

const entryBase = {
  /** The school; a school manager may leave it out. */
  schoolId: z.uuid().optional(),
  canteenId: z.uuid().optional(),
  /** The day the entry is for; by default the day of its time (a sample, a report) or today. */
  entryDate: CalendarDate.optional(),
  /** Photos uploaded first through /api/attachments. */
  attachmentIds: z.array(z.uuid()).max(12).default([]),
  idempotencyKey: IdempotencyKey.optional(),
};

const entryOf = <K extends LedgerKind>(kind: K) =>
  z.strictObject({ kind: z.literal(kind), payload: LEDGER_PAYLOADS[kind] as (typeof LEDGER_PAYLOADS)[K], ...entryBase });

type EntryBody = { [K in LedgerKind]: ReturnType<typeof entryOf<K>> }[LedgerKind];

/** A new entry of any kind: one schema per kind in LEDGER_KINDS, told apart by `kind`. */
export const NewLedgerEntryBody = z.discriminatedUnion(
  'kind',
  LEDGER_KINDS.map((kind) => entryOf(kind)) as unknown as [EntryBody, ...EntryBody[]],
);
export type NewLedgerEntry = z.output<typeof NewLedgerEntryBody>;

export const LedgerEntry = z
  .object({
    id: z.uuid(),
    schoolId: z.uuid(),
    canteenId: z.uuid().nullable(),
    kind: z.enum(LEDGER_KINDS),
    entryDate: z.string(),
    payload: z.record(z.string(), z.unknown()),
    attachmentIds: z.array(z.uuid()),
    createdBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'LedgerEntry' });

export const LedgerEntryPage = pageOf(LedgerEntry);

export const LedgerListQuery = boundedDateRange(
  z.strictObject({
    schoolId: z.uuid().optional(),
    kind: z.enum(LEDGER_KINDS).optional(),
    from: CalendarDate.optional(),
    to: CalendarDate.optional(),
    /** Only food samples still kept: collected and not yet thrown away (with kind=food_sample). */
    retained: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    ...pagingQuery,
  }),
  FILTER_MAX_DAYS,
);

export const SchoolQuery = z.strictObject({ schoolId: z.uuid().optional() });

export const DiscardSampleBody = z.strictObject({ discardedAt: instant, version: z.number().int().min(1) });

export const NewStaffBody = z.strictObject({
  schoolId: z.uuid().optional(),
  canteenId: z.uuid().optional(),
  name: text(50),
  position: text(50),
  healthCertNumber: text(50).optional(),
  healthCertExpiry: CalendarDate.optional(),
});

export const StaffUpdateBody = z.strictObject({
  version: z.number().int().min(1),
  name: text(50).optional(),
  position: text(50).optional(),
  healthCertNumber: text(50).nullable().optional(),
  healthCertExpiry: CalendarDate.nullable().optional(),
  active: z.boolean().optional(),
});

export const Staff = z
  .object({
    id: z.uuid(),
    schoolId: z.uuid(),
    canteenId: z.uuid().nullable(),
    name: z.string(),
    position: z.string(),
    healthCertNumber: z.string().nullable(),
    healthCertExpiry: z.string().nullable(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'CanteenStaff' });

export const NewSupplierBody = z.strictObject({
  schoolId: z.uuid().optional(),
  name: text(100),
  licenceNumber: text(50).optional(),
  licenceExpiry: CalendarDate.optional(),
});

export const SupplierUpdateBody = z.strictObject({
  version: z.number().int().min(1),
  name: text(100).optional(),
  licenceNumber: text(50).nullable().optional(),
  licenceExpiry: CalendarDate.nullable().optional(),
  active: z.boolean().optional(),
});

export const Supplier = z
  .object({
    id: z.uuid(),
    schoolId: z.uuid(),
    name: z.string(),
    licenceNumber: z.string().nullable(),
    licenceExpiry: z.string().nullable(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Supplier' });

/** The longest period completeness is worked out for at once. */
export const COMPLETENESS_MAX_DAYS = 366;

export const CompletenessQuery = boundedDateRange(
  z.strictObject({
    /** A county (or the city) to look at; by default the caller's own node. */
    county: AdminCode.optional(),
    schoolId: z.uuid().optional(),
    from: CalendarDate.optional(),
    to: CalendarDate.optional(),
  }),
  COMPLETENESS_MAX_DAYS,
);

const Counts = {
  required: z.number().int(),
  present: z.number().int(),
  /** present / required, 1 when nothing was required. */
  rate: z.number(),
};

export const Completeness = z
  .object({
    from: z.string(),
    to: z.string(),
    total: z.object(Counts),
    counties: z.array(z.object({ code: z.string(), name: z.string(), schools: z.number().int(), ...Counts })),
    schools: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        county: z.object({ code: z.string(), name: z.string() }),
        ...Counts,
        byLedger: z.record(z.string(), z.object({ required: z.number().int(), present: z.number().int() })),
      }),
    ),
  })
  .meta({ id: 'LedgerCompleteness' });

const WARNING_CATEGORIES = Object.keys(LEDGER_WARNING_CATEGORIES) as [LedgerWarningCategory, ...LedgerWarningCategory[]];

export const Warnings = z
  .object({
    schoolId: z.uuid(),
    at: z.iso.datetime(),
    items: z.array(
      z.object({
        key: z.string(),
        category: z.enum(WARNING_CATEGORIES),
        severity: z.enum(['low', 'medium', 'high']),
        message: z.object({ zh: z.string(), en: z.string() }),
        details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
      }),
    ),
  })
  .meta({ id: 'LedgerWarnings' });
