// School holiday calendars (setting calendar.schoolDays): the city keeps the vacations and make-up days, a
// county or a school may keep its own; the ledger warnings, completeness and the assessment's ledger counts
// follow the calendar in force for each school; a county reaches only its own; a bad range is refused.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '../../analytics/assessment';
import { addDays } from '../../analytics/calendar';
import { putSetting } from '../../tests/support/settings';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { schoolCounts } from '../assessment/counts';
import { evaluateLedgers } from '../ledgers/commands/evaluateLedgers';
import { findLedgerSchool } from '../ledgers/queries';
import { schoolCalendarsWithin } from './school-calendars';
import { commonScope } from './settings-within';

type School = TestServer['dataset']['schools'][number];
const CITY = '130800';

describe('school calendars', () => {
  let t: TestServer;
  let admin: string;
  /** Two schools in one county (A), one in another (B). */
  let a1: School;
  let a2: School;
  let b1: School;
  let countyA: string;
  let countyB: string;

  /** Moves the test clock to a Shanghai wall-clock time. */
  const moveTo = (local: string) => t.clock.advance(new Date(`${local}+08:00`).getTime() - t.clock.now().getTime());
  const put = async (token: string, code: string, value: unknown, version: string | null = null) =>
    t.request('PUT', `/api/school-calendar/${code}`, { token, body: { value, version } });
  const versionAt = async (token: string, code: string) =>
    (await t.request('GET', `/api/school-calendar?at=${code}`, { token })).body.version as string | null;
  const morningCheckAlert = async (s: School, date: string) =>
    (
      await t
        .db('alerts')
        .where({ school_id: s.id, category: 'no_morning_check' })
        .whereRaw("details->>'warningKey' = ?", [`no_morning_check:${s.id}:${date}`])
    ).length;
  const entry = (s: School, kind: string, date: string) => ({
    id: uuidv7(),
    school_id: s.id,
    scope_path: s.scopePath,
    kind,
    entry_date: date,
    payload: JSON.stringify({}),
  });

  beforeAll(async () => {
    t = await startTestServer({ canteens: 40 });
    admin = await t.login('city.admin');
    const byCounty = new Map<string, School[]>();
    for (const s of t.dataset.schools) byCounty.set(s.countyCode, [...(byCounty.get(s.countyCode) ?? []), s]);
    const [first, second] = [...byCounty.values()].filter((list) => list.length >= 2);
    [a1, a2] = first as [School, School];
    b1 = second![0]!;
    countyA = a1.countyCode;
    countyB = b1.countyCode;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts completeness and usage in an assessment period on the school days of each school’s calendar', async () => {
    // County A closes the week of 10 March 2025 and opens on Saturday the 15th to make up for it.
    const value = {
      closed: [{ from: '2025-03-10', to: '2025-03-14', name: '春季休假' }],
      open: [{ date: '2025-03-15', name: '调休上课' }],
    };
    expect((await put(admin, countyA, value)).status).toBe(200);
    // a1 keeps a morning check on a closed Wednesday and on the make-up Saturday; b1 (county B: Monday to Friday) too.
    await t
      .db('ledger_entries')
      .insert([
        entry(a1, 'morning_check', '2025-03-12'),
        entry(a1, 'morning_check', '2025-03-15'),
        entry(b1, 'morning_check', '2025-03-12'),
        entry(b1, 'morning_check', '2025-03-15'),
      ]);

    // March 2025 has 21 weekdays: county A's schools have 21 − 5 + 1 = 17 school days.
    const completeness = await t.request('GET', `/api/ledgers/completeness?schoolId=${a1.id}&from=2025-03-01&to=2025-03-31`, {
      token: admin,
    });
    expect(completeness.status).toBe(200);
    const [a1Row] = completeness.body.schools;
    expect(a1Row.byLedger.morning_checks).toEqual({ required: 17, present: 1 });
    // Weeks counted in March (their last school day in it): those of 3, 10 (its Saturday), 17 and 24 March.
    expect(a1Row.byLedger.self_inspections.required).toBe(4);
    const other = await t.request('GET', `/api/ledgers/completeness?schoolId=${b1.id}&from=2025-03-01&to=2025-03-31`, { token: admin });
    expect(other.body.schools[0].byLedger.morning_checks).toEqual({ required: 21, present: 1 });

    const counts = await schoolCounts(t.db, `/130000/${CITY}/`, parsePeriod('2025-03'));
    expect(counts.get(a1.id)).toMatchObject({ schoolDays: 17, schoolDaysWithLedgerActivity: 1 });
    expect(counts.get(a2.id)).toMatchObject({ schoolDays: 17, schoolDaysWithLedgerActivity: 0 });
    expect(counts.get(b1.id)).toMatchObject({ schoolDays: 21, schoolDaysWithLedgerActivity: 1 });
  });

  it('resolves the calendar of every school in one query, the nearest set on its path winning', async () => {
    const a2Code = t.dataset.jurisdictions.find((node) => node.id === a2.jurisdictionId)!.code;
    const own = { weekdays: [1, 2, 3, 4, 5, 6], closed: [], open: [] };
    expect((await put(admin, a2Code, own)).status).toBe(200);
    let queries = 0;
    const count = () => (queries += 1);
    t.db.on('query', count);
    const calendars = await schoolCalendarsWithin(t.db, '/');
    t.db.off('query', count);
    expect(queries).toBe(1);
    expect(calendars.at(a1.scopePath).definedAt).toMatch(new RegExp(`/${countyA}/$`));
    expect(calendars.at(a1.scopePath).isSchoolDay('2025-03-12')).toBe(false);
    expect(calendars.at(a2.scopePath).definedAt).toBe(a2.scopePath);
    expect(calendars.at(a2.scopePath).isSchoolDay('2025-03-08')).toBe(true); // a Saturday
    expect(calendars.at(b1.scopePath).definedAt).toBeNull();
    expect(calendars.at(b1.scopePath).isSchoolDay('2025-03-12')).toBe(true);
    // Removing the school's own calendar returns it to its county's.
    const removed = await t.request('DELETE', `/api/school-calendar/${a2Code}?version=${await versionAt(admin, a2Code)}`, { token: admin });
    expect(removed.status).toBe(200);
    expect(removed.body.definedAt.code).toBe(countyA);
  });

  it('reads the calendars of a batch of schools from their nearest common node', () => {
    expect(commonScope(['/130000/130800/130822/1/', '/130000/130800/130822/2/'])).toBe('/130000/130800/130822/');
    expect(commonScope(['/130000/130800/130822/1/', '/130000/130800/130824/2/'])).toBe('/130000/130800/');
    expect(commonScope(['/130000/130800/130822/1/'])).toBe('/130000/130800/130822/1/');
    expect(commonScope([])).toBe('/');
  });

  it('keeps a county to its own calendar: another county’s or the city’s is out of reach, a school may not write', async () => {
    const county = await t.login(`county.${countyA}`);
    const value = { closed: [{ from: '2026-12-28', to: '2026-12-31', name: '县里的假期' }], open: [] };
    const elsewhere = await put(county, countyB, value);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('not_found');
    expect((await put(county, CITY, value)).status).toBe(404);
    expect((await t.request('GET', `/api/school-calendar?at=${countyB}`, { token: county })).status).toBe(404);
    expect(
      await t.db('jurisdiction_settings as s').join('jurisdictions as j', 'j.id', 's.jurisdiction_id').where({ 'j.code': countyB }),
    ).toEqual([]);

    const school = await t.login(`school.${a1.code}`);
    expect((await put(school, a1.code, value)).status).toBe(403);
    const read = await t.request('GET', '/api/school-calendar', { token: school });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ definedAt: { code: countyA }, canEdit: false });

    // Its own county it may keep, with the version it read.
    const version = await versionAt(county, countyA);
    const stale = await put(county, countyA, value, null);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    const saved = await put(county, countyA, value, version);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ node: { code: countyA }, definedAt: { code: countyA }, canEdit: true, value });
  });

  it('refuses a range that ends before it begins with a 400 naming the field', async () => {
    const backwards = { closed: [{ from: '2027-02-26', to: '2027-01-18', name: '寒假' }] };
    const refused = await put(admin, CITY, backwards);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_input', message: expect.any(String) });
    expect(refused.body.error.details).toContainEqual(expect.objectContaining({ path: 'value.closed.0.to' }));
    expect((await putSetting(t, admin, 'calendar.schoolDays', backwards)).status).toBe(400);
    const impossible = await put(admin, CITY, { open: [{ date: '2027-02-30', name: '调休' }] });
    expect(impossible.status).toBe(400);
    expect(await t.db('jurisdiction_settings').where({ key: 'calendar.schoolDays' }).whereRaw("value::text LIKE '%2027-02%'")).toEqual([]);
  });

  it('raises no morning-check warning on the days of a vacation the city set, and does on its make-up Saturday', async () => {
    // A Wednesday at least a week ahead; the vacation runs from its Monday to the Tuesday after, with the
    // Saturday in between a make-up school day.
    const ahead = new Date(t.clock.now().getTime() + 8 * 86_400_000);
    const wednesday = new Date(ahead.getTime() + ((3 - ahead.getUTCDay() + 7) % 7) * 86_400_000).toISOString().slice(0, 10);
    const monday = addDays(wednesday, -2);
    const saturday = addDays(wednesday, 3);
    const vacation = { closed: [{ from: monday, to: addDays(monday, 8), name: '寒假' }], open: [{ date: saturday, name: '春节调休' }] };
    expect((await putSetting(t, admin, 'ledgers.requiredFrom', addDays(monday, -7))).status).toBe(200);
    const city = await put(admin, CITY, vacation, await versionAt(admin, CITY));
    expect(city.status).toBe(200);
    expect(city.body.definedAt).toMatchObject({ code: CITY, level: 'city' });
    // County A keeps its own calendar (set in the test before) without this vacation: its schools follow it.
    const county = await t.login(`county.${countyA}`);
    expect(
      (await t.request('DELETE', `/api/school-calendar/${countyA}?version=${await versionAt(county, countyA)}`, { token: county })).status,
    ).toBe(200);
    const countyOwn = { closed: [], open: [] };
    expect((await put(county, countyA, countyOwn)).status).toBe(200);

    const evaluate = async (...schools: School[]) =>
      evaluateLedgers(t.server.ctx, await Promise.all(schools.map(async (s) => (await findLedgerSchool(t.db, s.id))!)));
    moveTo(`${wednesday}T10:30:00`);
    await evaluate(b1, a1);
    for (const day of [monday, addDays(monday, 1), wednesday]) expect(await morningCheckAlert(b1, day)).toBe(0);
    // The school under county A's own calendar has school that Wednesday, and no check on record.
    expect(await morningCheckAlert(a1, wednesday)).toBe(1);

    moveTo(`${saturday}T09:30:00`);
    await evaluate(b1);
    expect(await morningCheckAlert(b1, saturday)).toBe(0); // before the 10:00 cutoff
    moveTo(`${saturday}T10:30:00`);
    await evaluate(b1);
    expect(await morningCheckAlert(b1, saturday)).toBe(1);
    expect(await morningCheckAlert(b1, addDays(saturday, -1))).toBe(0); // the Friday, still in the vacation
  });
});
