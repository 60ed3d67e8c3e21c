// Bulletins end to end: a build started twice runs once and reports its progress; the PDF opens, its Chinese
// text (the title, the county names, the scores) can be read back and it shows an alert snapshot; the XLSX
// cells hold the figures of the assessment API as numbers; a county user cannot reach another county's
// bulletin or its files; the schedule builds the month and quarter just ended for the province, the city and
// each county.
import ExcelJS from 'exceljs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../../analytics/assessment';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { BULLETINS_PER_RUN, periodsJustEnded, runScheduledBulletins } from './commands/scheduledBulletins';
import { waitUntil } from '../../tests/support/sockets';

const COUNTY = '130822';
const OTHER_COUNTY = '130824';
const PERIOD = '2025-03';
const sh = (local: string) => new Date(`${local}+08:00`);

interface BulletinBody {
  id: string;
  status: string;
  progress: number;
  files: { pdf: string | null; xlsx: string | null };
  node: { code: string; name: string };
}

async function pdfText(data: Buffer): Promise<{ text: string; images: number }> {
  const pdf = await getDocument({ data: new Uint8Array(data), useSystemFonts: false }).promise;
  let text = '';
  let images = 0;
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    text += (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('') + '\n';
    const operators = await page.getOperatorList();
    images += operators.fnArray.filter((fn) => fn === OPS.paintImageXObject).length;
  }
  return { text, images };
}

describe('bulletins', () => {
  let t: TestServer;
  let admin: string;
  let county: string;
  let other: string;

  const waitReady = async (id: string, token: string) => {
    let body: BulletinBody | undefined;
    await waitUntil(
      async () => {
        body = (await t.request<BulletinBody>('GET', `/api/bulletins/${id}`, { token })).body;
        return body.status === 'ready' || body.status === 'failed';
      },
      60_000,
      `bulletin ${id} made`,
    );
    return body!;
  };

  beforeAll(async () => {
    t = await startTestServer({ canteens: 60 });
    [admin, county, other] = await Promise.all([t.login('city.admin'), t.login(`county.${COUNTY}`), t.login(`county.${OTHER_COUNTY}`)]);
    // March 2025 in the county: a failed and a passed patrol, and an alert with its snapshot.
    const school = t.dataset.schools.find((s) => s.countyCode === COUNTY && t.dataset.canteens.some((c) => c.schoolId === s.id))!;
    const canteen = t.dataset.canteens.find((c) => c.schoolId === school.id)!;
    const countyNode = t.dataset.jurisdictions.find((node) => node.code === COUNTY)!;
    const checklist = (await t.db('checklists').first('id')) as { id: string };
    await t.db('patrol_records').insert(
      (['failed', 'passed'] as const).map((result, index) => ({
        id: uuidv7(),
        canteen_id: canteen.id,
        school_id: school.id,
        scope_path: canteen.scopePath,
        operator_id: uuidv7(),
        operator_name: '巡查员',
        operator_node_id: countyNode.id,
        checklist_id: checklist.id,
        result,
        answers: JSON.stringify([]),
        failed_count: result === 'failed' ? 1 : 0,
        key_failed_count: 0,
        submitted_at: sh(`2025-03-1${index}T10:00:00`),
      })),
    );
    const jpeg = await sharp({ create: { width: 320, height: 180, channels: 3, background: { r: 200, g: 60, b: 60 } } })
      .jpeg()
      .toBuffer();
    const attachmentId = uuidv7();
    const key = `test/${attachmentId}.jpg`;
    await t.server.ctx.storage.put(key, jpeg);
    await t.db('attachments').insert({
      id: attachmentId,
      scope_path: school.scopePath,
      purpose: 'snapshot',
      uploaded_by_kind: 'system',
      mime: 'image/jpeg',
      bytes: jpeg.length,
      width: 320,
      height: 180,
      sha256: attachmentId,
      storage_key: key,
      thumb_key: `${key}.thumb`,
      bound: true,
    });
    await t.db('alerts').insert({
      id: uuidv7(),
      source: 'ai',
      category: 'smoking',
      severity: 'high',
      status: 'confirmed',
      school_id: school.id,
      canteen_id: canteen.id,
      scope_path: school.scopePath,
      fold_key: uuidv7(),
      first_seen_at: sh('2025-03-12T11:00:00'),
      last_seen_at: sh('2025-03-12T11:00:00'),
      triaged_at: sh('2025-03-12T12:00:00'),
      snapshot_id: attachmentId,
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  let cityBulletin: BulletinBody;

  it('builds once for a repeated request, reports progress as events, and ends ready with both files', async () => {
    const first = await t.request<BulletinBody>('POST', '/api/bulletins', { token: admin, body: { period: PERIOD } });
    expect(first.status).toBe(202);
    const again = await t.request<BulletinBody>('POST', '/api/bulletins', { token: admin, body: { period: PERIOD } });
    if (again.status === 200) expect(again.body.id).toBe(first.body.id);
    else expect(first.body.status).toBe('queued'); // the first had already finished: a new build is fine
    cityBulletin = await waitReady(first.body.id, admin);
    expect(cityBulletin).toMatchObject({ status: 'ready', progress: 100 });
    expect(cityBulletin.files).toEqual({ pdf: `/api/bulletins/${first.body.id}/pdf`, xlsx: `/api/bulletins/${first.body.id}/xlsx` });

    const progress = (await t
      .db('event_log')
      .where({ type: 'bulletin.progress', subject_id: first.body.id })
      .orderBy('seq')
      .select('payload')) as Array<{
      payload: { progress: number; status: string };
    }>;
    const values = progress.map((event) => event.payload.progress);
    expect(values[0]).toBe(0);
    expect(values.at(-1)).toBe(100);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect((await t.request('POST', '/api/bulletins', { token: admin, body: { period: '2099-01' } })).status).toBe(400);
  });

  it('gives a PDF whose Chinese text and figures can be read back, with the snapshot embedded', async () => {
    const response = await fetch(`${t.url}${cityBulletin.files.pdf}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    // The Chinese font travels inside the file (a subset of the OpenType font), so any viewer renders it.
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansHans-Regular/);
    expect(pdf.toString('latin1')).toContain('/FontFile3');
    const { text, images } = await pdfText(pdf);
    expect(text).toContain('通报');
    expect(text).toContain('承德市学校食堂食品安全综合评价通报（2025年3月）');
    const assessment = (await t.request('GET', `/api/assessment?period=${PERIOD}`, { token: admin })).body;
    for (const unit of assessment.units as Array<{ name: string; score: number | null }>) {
      expect(text).toContain(unit.name);
      if (unit.score !== null) expect(text).toContain(unit.score.toFixed(2));
    }
    expect(text).toContain('吸烟'); // the top problem and the snapshot's caption
    expect(images).toBeGreaterThanOrEqual(1);
  });

  it('gives an XLSX whose cells hold the figures of the assessment API', async () => {
    const response = await fetch(`${t.url}${cityBulletin.files.xlsx}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('排名')!;
    const assessment = (await t.request('GET', `/api/assessment?period=${PERIOD}`, { token: admin })).body;
    const rows = new Map<string, ExcelJS.CellValue[]>();
    sheet.eachRow((row, number) => {
      if (number > 3) rows.set(row.getCell(2).text, (row.values as ExcelJS.CellValue[]).slice(1));
    });
    expect(rows.size).toBe(11);
    for (const unit of assessment.units as Array<{
      code: string;
      name: string;
      rank: number | null;
      score: number | null;
      indicators: Array<{ code: string; rate: number | null }>;
    }>) {
      const cells = rows.get(unit.code)!;
      expect(cells.slice(0, 4)).toEqual([unit.rank, unit.code, unit.name, unit.score]);
      const rates = INDICATOR_CODES.map((code) => unit.indicators.find((indicator) => indicator.code === code)!.rate);
      // An empty cell (no rate: 0/0) is a hole in exceljs's row values.
      expect(Array.from(cells.slice(6, 6 + INDICATOR_CODES.length), (cell) => cell ?? null)).toEqual(rates);
    }
    const problems = workbook.getWorksheet('突出问题')!;
    expect(problems.getRow(2).values).toEqual([undefined, '吸烟', 'smoking', 1, 0]);
  });

  it("keeps a county's bulletin from another county: not found, files included, and not listed", async () => {
    const own = await t.request<BulletinBody>('POST', '/api/bulletins', { token: county, body: { period: PERIOD } });
    expect(own.status).toBe(202);
    expect(own.body.node.code).toBe(COUNTY);
    const ready = await waitReady(own.body.id, county);
    expect(ready.status).toBe('ready');

    const pdf = await fetch(`${t.url}${ready.files.pdf}`, { headers: { authorization: `Bearer ${county}` } });
    const { text } = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('通报');

    for (const path of [`/api/bulletins/${own.body.id}`, `/api/bulletins/${own.body.id}/pdf`, `/api/bulletins/${own.body.id}/xlsx`]) {
      expect((await t.request('GET', path, { token: other })).status).toBe(404);
    }
    expect((await t.request('GET', `/api/bulletins/${cityBulletin.id}/pdf`, { token: county })).status).toBe(404);
    expect((await t.request('POST', '/api/bulletins', { token: other, body: { period: PERIOD, county: COUNTY } })).status).toBe(404);
    const listed = (token: string) =>
      t.request<{ items: BulletinBody[] }>('GET', '/api/bulletins', { token }).then((r) => r.body.items.map((item) => item.id));
    expect(await listed(other)).toEqual([]);
    expect(await listed(county)).toEqual([own.body.id]);
    expect((await listed(admin)).sort()).toEqual([own.body.id, cityBulletin.id].sort());
  });

  it('builds on schedule the month and quarter just ended, for the province, the city and each county, once', async () => {
    const now = t.server.ctx.now();
    const ended = periodsJustEnded(now);
    expect(ended).toHaveLength(2);
    // A few per run, so a starting server is not busy for long; then the rest; then nothing is left.
    expect((await runScheduledBulletins(t.server.ctx)).built).toBe(BULLETINS_PER_RUN);
    const nodes = 1 + 1 + 11; // Hebei, Chengde, its counties
    expect((await runScheduledBulletins(t.server.ctx, { perRun: Infinity })).built).toBe(2 * nodes - BULLETINS_PER_RUN);
    expect((await runScheduledBulletins(t.server.ctx, { perRun: Infinity })).built).toBe(0);
    const rows = (await t.db('bulletins').whereIn('period_id', ended).select('status')) as Array<{ status: string }>;
    expect(rows.every((row) => row.status === 'ready')).toBe(true);
  }, 300_000);

  it('praises and criticises no one in a period where every unit scores alike or has no data', async () => {
    const quiet = '2025-01';
    const scores = (
      (await t.request('GET', `/api/assessment?period=${quiet}`, { token: admin })).body.units as Array<{ score: number | null }>
    )
      .map((unit) => unit.score)
      .filter((score) => score !== null);
    expect(new Set(scores).size).toBeLessThanOrEqual(1);
    const requested = await t.request<BulletinBody>('POST', '/api/bulletins', { token: admin, body: { period: quiet } });
    const ready = await waitReady(requested.body.id, admin);
    expect(ready.status).toBe('ready');
    const response = await fetch(`${t.url}${ready.files.pdf}`, { headers: { authorization: `Bearer ${admin}` } });
    const { text } = await pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain('不作表扬与批评');
    expect(text).not.toMatch(/表扬：|通报批评：/);
  });
});
