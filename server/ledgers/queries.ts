// Reading the ledgers: entries of a school, its staff and suppliers, the records the warning rules need for
// many schools at once, and the record dates behind completeness.
import type { Knex } from 'knex';
import type { CalendarDate } from '../../analytics/calendar';
import type { FoodSampleRecord, LicenceRecord, PurchaseRecord, RequiredLedger, SchoolLedgers, StaffRecord } from '../../analytics/ledgers';
import { REQUIRED_LEDGER_OF_KIND } from '../../analytics/ledgers/kinds';
import { whereWithin } from '../db/scope';
import type { Page } from '../http/paging';
import type { LedgerKind } from './schemas';

export interface LedgerSchool {
  id: string;
  name: string;
  scope_path: string;
  county_code: string;
  county_name: string;
}

const schools = (db: Knex) =>
  db('schools as s')
    .join('jurisdictions as county', 'county.id', 's.county_id')
    .select('s.id', 's.name', 's.scope_path', 'county.code as county_code', 'county.name as county_name');

export async function findLedgerSchool(db: Knex, id: string): Promise<LedgerSchool | undefined> {
  return (await schools(db).where('s.id', id).first()) as LedgerSchool | undefined;
}

/** The school whose node this is (a school manager's own school). */
export async function schoolAtPath(db: Knex, path: string): Promise<LedgerSchool | undefined> {
  return (await schools(db).where('s.scope_path', path).first()) as LedgerSchool | undefined;
}

export async function schoolsWithin(db: Knex, scopePath: string): Promise<LedgerSchool[]> {
  return (await whereWithin(schools(db), 's.scope_path', scopePath).orderBy(['county.code', 's.code'])) as LedgerSchool[];
}

export interface LedgerEntryRow {
  id: string;
  school_id: string;
  canteen_id: string | null;
  scope_path: string;
  kind: LedgerKind;
  entry_date: string;
  payload: Record<string, unknown>;
  attachment_ids: string[];
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  version: number;
}

export async function listEntries(
  db: Knex,
  filter: {
    schoolId: string;
    kind?: LedgerKind | undefined;
    from?: string | undefined;
    to?: string | undefined;
    /** Only food samples not yet thrown away. */
    retained?: boolean | undefined;
    page: number;
    pageSize: number;
  },
): Promise<Page<LedgerEntryRow>> {
  const base = db('ledger_entries as e').where('e.school_id', filter.schoolId);
  if (filter.kind) base.where('e.kind', filter.kind);
  if (filter.from) base.where('e.entry_date', '>=', filter.from);
  if (filter.to) base.where('e.entry_date', '<=', filter.to);
  if (filter.retained) base.where('e.kind', 'food_sample').whereRaw("e.payload->>'discardedAt' IS NULL");
  const [{ total }] = (await base.clone().count({ total: '*' })) as [{ total: number }];
  const items = (await base
    .leftJoin('users as u', 'u.id', 'e.created_by')
    .select('e.*', 'u.display_name as created_by_name')
    .orderBy([
      { column: 'e.entry_date', order: 'desc' },
      { column: 'e.created_at', order: 'desc' },
    ])
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)) as LedgerEntryRow[];
  return { items, total: Number(total), page: filter.page, pageSize: filter.pageSize };
}

export async function getEntry(db: Knex, id: string): Promise<LedgerEntryRow | undefined> {
  return (await db('ledger_entries as e')
    .leftJoin('users as u', 'u.id', 'e.created_by')
    .where('e.id', id)
    .first('e.*', 'u.display_name as created_by_name')) as LedgerEntryRow | undefined;
}

export interface StaffRow {
  id: string;
  school_id: string;
  canteen_id: string | null;
  scope_path: string;
  name: string;
  position: string;
  health_cert_number: string | null;
  health_cert_expiry: string | null;
  active: boolean;
  version: number;
}

export interface SupplierRow {
  id: string;
  school_id: string;
  scope_path: string;
  name: string;
  licence_number: string | null;
  licence_expiry: string | null;
  active: boolean;
  version: number;
}

export async function listStaff(db: Knex, schoolId: string): Promise<StaffRow[]> {
  return (await db('canteen_staff')
    .where({ school_id: schoolId })
    .orderBy([{ column: 'active', order: 'desc' }, 'name'])) as StaffRow[];
}

export async function listSuppliers(db: Knex, schoolId: string): Promise<SupplierRow[]> {
  return (await db('suppliers')
    .where({ school_id: schoolId })
    .orderBy([{ column: 'active', order: 'desc' }, 'name'])) as SupplierRow[];
}

const KIND_OF_RULE = {
  morning_check: 'morningChecks',
  meal_accompaniment: 'mealAccompaniments',
  self_inspection: 'selfInspections',
} as const;

/**
 * The records the warning rules read, for each school given: licences (canteens' and active suppliers'),
 * current staff, the dated records of the evidence window, and the samples and purchases of that window.
 */
export async function loadSchoolLedgers(db: Knex, schoolIds: readonly string[], window: { from: CalendarDate; to: CalendarDate }) {
  const ledgers = new Map<string, SchoolLedgers & { licences: LicenceRecord[]; staff: StaffRecord[] }>();
  for (const id of schoolIds) {
    ledgers.set(id, {
      schoolId: id,
      licences: [],
      staff: [],
      morningChecks: [],
      mealAccompaniments: [],
      selfInspections: [],
      foodSamples: [],
      purchases: [],
    });
  }
  if (schoolIds.length === 0) return ledgers;
  const ids = [...schoolIds];
  const canteens = (await db('canteens')
    .whereIn('school_id', ids)
    .select('id', 'school_id', 'name', 'licence_no', 'licence_expiry')) as Array<{
    id: string;
    school_id: string;
    name: string;
    licence_no: string;
    licence_expiry: string | null;
  }>;
  for (const row of canteens) {
    ledgers.get(row.school_id)!.licences.push({
      id: row.id,
      holder: 'canteen',
      holderName: row.name,
      number: row.licence_no,
      expiry: row.licence_expiry,
    });
  }
  for (const row of (await db('suppliers').whereIn('school_id', ids).where({ active: true })) as SupplierRow[]) {
    ledgers.get(row.school_id)!.licences.push({
      id: row.id,
      holder: 'supplier',
      holderName: row.name,
      number: row.licence_number ?? '',
      expiry: row.licence_expiry,
    });
  }
  for (const row of (await db('canteen_staff').whereIn('school_id', ids).where({ active: true })) as StaffRow[]) {
    ledgers.get(row.school_id)!.staff.push({
      id: row.id,
      name: row.name,
      healthCertNumber: row.health_cert_number,
      healthCertExpiry: row.health_cert_expiry,
    });
  }
  const entries = (await db('ledger_entries')
    .whereIn('school_id', ids)
    .whereIn('kind', ['morning_check', 'meal_accompaniment', 'self_inspection', 'food_sample', 'purchase'])
    .whereBetween('entry_date', [window.from, window.to])
    .select('id', 'school_id', 'kind', 'entry_date', 'payload')) as Array<
    Pick<LedgerEntryRow, 'id' | 'school_id' | 'kind' | 'entry_date' | 'payload'>
  >;
  for (const row of entries) {
    const school = ledgers.get(row.school_id)!;
    const payload = row.payload;
    if (row.kind === 'food_sample') {
      (school.foodSamples as FoodSampleRecord[]).push({
        id: row.id,
        dish: String(payload.dish),
        weightGrams: Number(payload.weightGrams),
        collectedAt: String(payload.collectedAt),
        retainedUntil: (payload.retainedUntil as string | undefined) ?? null,
        discardedAt: (payload.discardedAt as string | undefined) ?? null,
      });
    } else if (row.kind === 'purchase') {
      (school.purchases as PurchaseRecord[]).push({
        id: row.id,
        date: row.entry_date,
        supplierName: String(payload.supplierName),
        certificatePhotoId: (payload.certificatePhotoId as string | undefined) ?? null,
        certificateNumber: (payload.certificateNumber as string | undefined) ?? null,
      });
    } else if (row.kind in KIND_OF_RULE) {
      (school[KIND_OF_RULE[row.kind as keyof typeof KIND_OF_RULE]] as Array<{ date: string }>).push({ date: row.entry_date });
    }
  }
  return ledgers;
}

/** The day of each school's first ledger entry: when it began keeping electronic ledgers. */
export async function firstEntryDates(db: Knex, schoolIds: readonly string[]): Promise<Map<string, CalendarDate>> {
  if (schoolIds.length === 0) return new Map();
  const rows = (await db('ledger_entries')
    .whereIn('school_id', [...schoolIds])
    .groupBy('school_id')
    .select('school_id', db.raw("to_char(min(entry_date), 'YYYY-MM-DD') AS first"))) as Array<{ school_id: string; first: string }>;
  return new Map(rows.map((row) => [row.school_id, row.first]));
}

/** For each school under the path (or the one school), the dates of its records in each required ledger. */
export async function recordDates(
  db: Knex,
  filter: { scopePath: string; schoolId?: string | undefined; from: CalendarDate; to: CalendarDate },
): Promise<Map<string, Partial<Record<RequiredLedger, CalendarDate[]>>>> {
  const query = whereWithin(db('ledger_entries'), 'scope_path', filter.scopePath)
    .whereIn('kind', Object.keys(REQUIRED_LEDGER_OF_KIND))
    .whereBetween('entry_date', [filter.from, filter.to])
    .groupBy('school_id', 'kind', 'entry_date')
    .select('school_id', 'kind', 'entry_date');
  if (filter.schoolId) query.where('school_id', filter.schoolId);
  const rows = (await query) as Array<{ school_id: string; kind: LedgerKind; entry_date: string }>;
  const dates = new Map<string, Partial<Record<RequiredLedger, CalendarDate[]>>>();
  for (const row of rows) {
    const ledger = REQUIRED_LEDGER_OF_KIND[row.kind]!;
    const school = dates.get(row.school_id) ?? {};
    (school[ledger] ??= []).push(row.entry_date);
    dates.set(row.school_id, school);
  }
  return dates;
}
