// The ledger side of risk grading: each school's completeness of its required ledgers over the last
// LEDGER_COMPLETENESS_WINDOW_DAYS finished days (analytics ledgerCompleteness), for the schools of many
// canteens at once — four statements whatever their number. School days follow each school's calendar
// (setting calendar.schoolDays, server/settings/school-calendars). Days count from the day ledgers are required
// there (setting ledgers.requiredFrom, the nearest set on the school's path), else from the school's first
// entry, as the ledger warnings have it; a school with neither is unknown (null: neutral), as is a window
// without a school day in it.
import type { Knex } from 'knex';
import { addDays, type CalendarDate } from '../../analytics/calendar';
import {
  completenessEvidenceWindow,
  completenessFrames,
  completenessIn,
  requiredLedgerOf,
  type RequiredLedger,
} from '../../analytics/ledgers';
import { LEDGER_COMPLETENESS_WINDOW_DAYS } from '../../analytics/risk';
import { schoolCalendarsWithin } from '../settings/school-calendars';
import { commonScope, settingWithin } from '../settings/settings-within';

export interface LedgerCanteen {
  id: string;
  school_id: string;
  /** The school's node path (a canteen sits at its school's node). */
  scope_path: string;
}

async function rows<T>(db: Knex, sql: string, bindings: readonly Knex.RawBinding[]): Promise<T[]> {
  return ((await db.raw(sql, bindings)) as { rows: T[] }).rows;
}

/** The period graded on `today`: the LEDGER_COMPLETENESS_WINDOW_DAYS days before it (today is not over yet). */
export function ledgerRiskPeriod(today: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  return { from: addDays(today, -LEDGER_COMPLETENESS_WINDOW_DAYS), to: addDays(today, -1) };
}

/** Completeness (0–1) of each canteen's school, or null when unknown, by canteen id. */
export async function ledgerCompletenessOf(
  db: Knex,
  canteens: readonly LedgerCanteen[],
  today: CalendarDate,
): Promise<Map<string, number | null>> {
  const result = new Map<string, number | null>();
  if (canteens.length === 0) return result;
  const period = ledgerRiskPeriod(today);
  const window = completenessEvidenceWindow(period.from, period.to);
  const schoolIds = [...new Set(canteens.map((canteen) => canteen.school_id))];

  // One after another: on a transaction's single connection they would queue anyway.
  // The days of each school's records per kind in the evidence window (all kinds: any entry starts its ledgers).
  const entries = await rows<{ school_id: string; kind: string; days: string[] }>(
    db,
    `SELECT school_id, kind, array_agg(DISTINCT to_char(entry_date, 'YYYY-MM-DD')) AS days
         FROM ledger_entries
        WHERE school_id = ANY(?::uuid[]) AND entry_date BETWEEN ?::date AND ?::date
        GROUP BY school_id, kind`,
    [schoolIds as unknown as Knex.RawBinding, window.from, window.to],
  );
  // Schools that kept ledgers before the period (one index probe each).
  const earlier = await rows<{ id: string }>(
    db,
    `SELECT s.id FROM unnest(?::uuid[]) AS s(id)
        WHERE EXISTS (SELECT 1 FROM ledger_entries e WHERE e.school_id = s.id AND e.entry_date < ?::date)`,
    [schoolIds as unknown as Knex.RawBinding, period.from],
  );

  const recorded = new Map<string, Partial<Record<RequiredLedger, string[]>>>();
  const firstEntry = new Map<string, CalendarDate>();
  for (const row of entries) {
    const first = [...row.days].sort()[0]!;
    const known = firstEntry.get(row.school_id);
    if (!known || first < known) firstEntry.set(row.school_id, first);
    const ledger = requiredLedgerOf(row.kind);
    if (!ledger) continue;
    const dates = recorded.get(row.school_id) ?? {};
    dates[ledger] = row.days;
    recorded.set(row.school_id, dates);
  }
  for (const row of earlier) firstEntry.set(row.id, period.from);

  const scope = commonScope([...new Set(canteens.map((canteen) => canteen.scope_path))]);
  const calendars = await schoolCalendarsWithin(db, scope);
  // What the period asks under each calendar, worked out once per calendar and start (most schools share one).
  const frameOf = completenessFrames();
  const requiredFrom = await settingWithin(db, 'ledgers.requiredFrom', scope);

  const bySchool = new Map<string, number | null>();
  for (const canteen of canteens) {
    if (!bySchool.has(canteen.school_id)) {
      const since = requiredFrom.at(canteen.scope_path).value ?? firstEntry.get(canteen.school_id);
      const from = since && since > period.from ? since : period.from;
      let value: number | null = null;
      if (since && from <= period.to) {
        const calendar = calendars.at(canteen.scope_path);
        const frame = frameOf(calendar.definedAt ?? '', calendar.isSchoolDay, from, period.to);
        const kept = completenessIn(frame, recorded.get(canteen.school_id) ?? {});
        value = kept.ledgerItemsRequired === 0 ? null : kept.ledgerItemsPresent / kept.ledgerItemsRequired;
      }
      bySchool.set(canteen.school_id, value);
    }
    result.set(canteen.id, bySchool.get(canteen.school_id)!);
  }
  return result;
}
