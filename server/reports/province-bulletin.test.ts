// The province assesses its cities as a city assesses its counties: the ranking's units are the cities (each
// the sum of its schools, so a city's figure is its counties' together), a city drills to its counties, and
// the province's bulletin ranks the cities in the PDF and the XLSX. A city user reaches no other city.
import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEBEI_CODE } from '../../fixtures/chengde';
import { FOREIGN_COUNTY, HOME_COUNTY, twoCities } from '../../tests/support/scope-records';
import { waitUntil } from '../../tests/support/sockets';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

const PERIOD = '2025-03';
const CHENGDE = '130800';
const ZHANGJIAKOU = '130700';
const sh = (local: string) => new Date(`${local}+08:00`);

interface Unit {
  code: string;
  name: string;
  score: number | null;
  rank: number | null;
  indicators: Array<{ code: string; numerator: number; denominator: number; rate: number | null }>;
}

const figure = (unit: Unit, code: string) => unit.indicators.find((indicator) => indicator.code === code)!;

describe("the province's assessment and bulletin of its cities", () => {
  let t: TestServer;
  let province: string;
  let city: string;

  /** Patrols in March 2025 at the first school of a county: `passed` of them passed, `failed` failed. */
  async function patrols(countyCode: string, passed: number, failed: number) {
    const school = t.dataset.schools.find((s) => s.countyCode === countyCode && t.dataset.canteens.some((c) => c.schoolId === s.id))!;
    const canteen = t.dataset.canteens.find((c) => c.schoolId === school.id)!;
    const county = t.dataset.jurisdictions.find((node) => node.code === countyCode)!;
    const checklist = (await t.db('checklists').first('id')) as { id: string };
    const results = [...Array<'passed'>(passed).fill('passed'), ...Array<'failed'>(failed).fill('failed')];
    await t.db('patrol_records').insert(
      results.map((result, index) => ({
        id: uuidv7(),
        canteen_id: canteen.id,
        school_id: school.id,
        scope_path: canteen.scopePath,
        operator_id: uuidv7(),
        operator_name: '巡查员',
        operator_node_id: county.id,
        checklist_id: checklist.id,
        result,
        answers: JSON.stringify([]),
        failed_count: result === 'failed' ? 1 : 0,
        key_failed_count: 0,
        submitted_at: sh(`2025-03-1${index}T10:00:00`),
      })),
    );
  }

  beforeAll(async () => {
    t = await startTestServer({ dataset: twoCities() });
    province = await t.login('province.duty');
    city = await t.login('city.duty');
    await patrols(HOME_COUNTY, 1, 1);
    await patrols('130824', 2, 0);
    await patrols(FOREIGN_COUNTY, 0, 3);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('ranks the cities for the province, each the sum of its counties, and drills to a city’s counties', async () => {
    const response = await t.request('GET', `/api/assessment?period=${PERIOD}`, { token: province });
    expect(response.status).toBe(200);
    expect(response.body.level).toBe('city');
    const cities = response.body.units as Unit[];
    expect(cities.map((unit) => unit.code).sort()).toEqual([ZHANGJIAKOU, CHENGDE]);
    const chengde = cities.find((unit) => unit.code === CHENGDE)!;
    const zhangjiakou = cities.find((unit) => unit.code === ZHANGJIAKOU)!;
    expect(figure(chengde, 'patrol_pass')).toMatchObject({ numerator: 3, denominator: 4 });
    expect(figure(zhangjiakou, 'patrol_pass')).toMatchObject({ numerator: 0, denominator: 3 });

    const drilled = await t.request('GET', `/api/assessment?period=${PERIOD}&city=${CHENGDE}`, { token: province });
    expect(drilled.status).toBe(200);
    expect(drilled.body).toMatchObject({ level: 'county', city: { code: CHENGDE } });
    const counties = drilled.body.units as Unit[];
    expect(counties).toHaveLength(11);
    for (const code of ['patrol_pass', 'patrol_coverage', 'camera_online']) {
      const sum = (part: 'numerator' | 'denominator') => counties.reduce((total, unit) => total + figure(unit, code)[part], 0);
      expect({ numerator: sum('numerator'), denominator: sum('denominator') }).toEqual({
        numerator: figure(chengde, code).numerator,
        denominator: figure(chengde, code).denominator,
      });
    }
    // The city's own view is the same counties, with the same figures.
    const own = await t.request('GET', `/api/assessment?period=${PERIOD}`, { token: city });
    expect(own.body.level).toBe('county');
    expect((own.body.units as Unit[]).map((unit) => [unit.code, unit.score])).toEqual(counties.map((unit) => [unit.code, unit.score]));
  });

  it('keeps another city from a city user: its assessment, its records and its bulletin are not found', async () => {
    expect((await t.request('GET', `/api/assessment?period=${PERIOD}&city=${ZHANGJIAKOU}`, { token: city })).status).toBe(404);
    expect(
      (await t.request('GET', `/api/assessment/records?period=${PERIOD}&indicator=patrol_pass&city=${ZHANGJIAKOU}`, { token: city }))
        .status,
    ).toBe(404);
    expect((await t.request('POST', '/api/bulletins', { token: city, body: { period: PERIOD, city: ZHANGJIAKOU } })).status).toBe(404);
    // The province opens the other city's records.
    const records = await t.request('GET', `/api/assessment/records?period=${PERIOD}&indicator=patrol_pass&city=${ZHANGJIAKOU}`, {
      token: province,
    });
    expect(records.status).toBe(200);
    expect((records.body.items as Array<{ met: boolean }>).map((item) => item.met)).toEqual([false, false, false]);
  });

  it('builds the province bulletin ranking the cities, and a city’s bulletin for the province', async () => {
    const waitReady = async (id: string) => {
      let body: any;
      await waitUntil(
        async () => {
          body = (await t.request('GET', `/api/bulletins/${id}`, { token: province })).body;
          return body.status === 'ready' || body.status === 'failed';
        },
        60_000,
        `bulletin ${id} made`,
      );
      return body;
    };
    const started = await t.request('POST', '/api/bulletins', { token: province, body: { period: PERIOD } });
    expect(started.status).toBe(202);
    const bulletin = await waitReady(started.body.id);
    expect(bulletin).toMatchObject({ status: 'ready', node: { code: HEBEI_CODE } });

    const response = await fetch(`${t.url}${bulletin.files.xlsx}`, { headers: { authorization: `Bearer ${province}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('排名')!;
    expect(sheet.getRow(1).getCell(1).text).toBe('河北省学校食堂食品安全综合评价通报（2025年3月）');
    expect(sheet.getRow(3).getCell(3).text).toBe('地市');
    const assessment = (await t.request('GET', `/api/assessment?period=${PERIOD}`, { token: province })).body;
    const rows: unknown[][] = [];
    sheet.eachRow((row, number) => {
      if (number > 3) rows.push((row.values as unknown[]).slice(1, 5));
    });
    expect(rows).toEqual((assessment.units as Unit[]).map((unit) => [unit.rank, unit.code, unit.name, unit.score]));

    const ofCity = await t.request('POST', '/api/bulletins', { token: province, body: { period: PERIOD, city: ZHANGJIAKOU } });
    expect(ofCity.status).toBe(202);
    expect(await waitReady(ofCity.body.id)).toMatchObject({ status: 'ready', node: { code: ZHANGJIAKOU } });
    // The city user's list holds none of the province's nor the other city's.
    const listed = (await t.request('GET', '/api/bulletins', { token: city })).body.items as Array<{ node: { code: string } }>;
    expect(listed.map((item) => item.node.code)).not.toContain(HEBEI_CODE);
    expect(listed.map((item) => item.node.code)).not.toContain(ZHANGJIAKOU);
  });
});
