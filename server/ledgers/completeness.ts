// Ledger completeness of the schools in scope over a period, per school and summed per county: the share of
// the daily and weekly ledger items each school had to keep that it kept (analytics ledgerCompleteness).
import type { Knex } from 'knex';
import { completenessEvidenceWindow, completenessFrames, completenessIn } from '../../analytics/ledgers';
import { schoolCalendarsWithin } from '../settings/school-calendars';
import { recordDates, type LedgerSchool } from './queries';

const rate = (present: number, required: number) => (required === 0 ? 1 : Math.round((present / required) * 1000) / 1000);

export async function completenessOf(
  db: Knex,
  scopePath: string,
  schools: readonly LedgerSchool[],
  period: { from: string; to: string },
  schoolId?: string,
) {
  const [dates, calendars] = await Promise.all([
    recordDates(db, { scopePath, schoolId, ...completenessEvidenceWindow(period.from, period.to) }),
    schoolCalendarsWithin(db, scopePath),
  ]);
  const frameOf = completenessFrames();
  const perSchool = schools.map((school) => {
    const calendar = calendars.at(school.scope_path);
    const frame = frameOf(calendar.definedAt ?? '', calendar.isSchoolDay, period.from, period.to);
    const result = completenessIn(frame, dates.get(school.id) ?? {});
    return {
      id: school.id,
      name: school.name,
      county: { code: school.county_code, name: school.county_name },
      required: result.ledgerItemsRequired,
      present: result.ledgerItemsPresent,
      rate: rate(result.ledgerItemsPresent, result.ledgerItemsRequired),
      byLedger: result.byLedger,
    };
  });
  const counties = new Map<string, { code: string; name: string; schools: number; required: number; present: number }>();
  for (const school of perSchool) {
    const county = counties.get(school.county.code) ?? { ...school.county, schools: 0, required: 0, present: 0 };
    county.schools += 1;
    county.required += school.required;
    county.present += school.present;
    counties.set(school.county.code, county);
  }
  const required = perSchool.reduce((sum, school) => sum + school.required, 0);
  const present = perSchool.reduce((sum, school) => sum + school.present, 0);
  return {
    ...period,
    total: { required, present, rate: rate(present, required) },
    counties: [...counties.values()].map((county) => ({ ...county, rate: rate(county.present, county.required) })),
    schools: perSchool,
  };
}
