// School ledgers: a school records its ledgers and keeps its registers; the county and the city read them in
// scope only; the warning rules raise one ledger alert per warning, however often they are evaluated; an
// emergency report reaches the county's and the city's sockets at once as a high alert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithExif, upload } from '../../tests/support/images';
import { TestSocket } from '../../tests/support/sockets';
import { putSetting } from '../../tests/support/settings';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { shanghaiDate } from '../time';
import { evaluateLedgers } from './commands/evaluateLedgers';
import { ledgerWarningSweep } from './commands/sweepLedgerWarnings';
import { findLedgerSchool } from './queries';

type School = TestServer['dataset']['schools'][number];

describe('school ledgers', () => {
  let t: TestServer;
  let school: School;
  let neighbour: School;
  let elsewhere: School;
  const tokens: Record<string, string> = {};
  const login = async (username: string) => (tokens[username] ??= await t.login(username));
  const manager = (s: School) => login(`school.${s.code}`);
  const countyOf = (s: School) => login(`county.${s.countyCode}`);

  const record = async (s: School, body: Record<string, unknown>) =>
    t.request('POST', '/api/ledgers/entries', { token: await manager(s), body });
  const ledgerAlerts = async (s: School, category: string) =>
    (await t.db('alerts').where({ school_id: s.id, source: 'ledger', category }).select('id', 'severity', 'details')) as Array<{
      id: string;
      severity: string;
      details: { warningKey: string };
    }>;
  const evaluate = async (s: School) => evaluateLedgers(t.server.ctx, [(await findLedgerSchool(t.db, s.id))!]);

  beforeAll(async () => {
    t = await startTestServer({ canteens: 40 });
    const byCounty = new Map<string, School[]>();
    for (const s of t.dataset.schools) byCounty.set(s.countyCode, [...(byCounty.get(s.countyCode) ?? []), s]);
    const [first, second] = [...byCounty.values()].filter((list) => list.length >= 2);
    school = first![0]!;
    neighbour = first![1]!;
    elsewhere = second![0]!;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records a morning check once per idempotency key, with staff checked and anyone unfit', async () => {
    const body = {
      kind: 'morning_check',
      payload: {
        checked: [{ name: '张师傅' }, { name: '李师傅' }],
        unfit: [{ name: '李师傅', symptoms: '发热 37.8℃', action: '调离接触直接入口食品岗位，回家休息' }],
      },
      idempotencyKey: 'morning-check-1',
    };
    const first = await record(school, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'morning_check', schoolId: school.id, entryDate: shanghaiDate(t.clock.now()) });
    expect(first.body.payload.unfit[0].name).toBe('李师傅');
    const again = await record(school, body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await t.db('ledger_entries').where({ school_id: school.id, kind: 'morning_check' }).count({ n: '*' })).toEqual([{ n: 1 }]);

    const list = await t.request('GET', '/api/ledgers/entries?kind=morning_check', { token: await manager(school) });
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([first.body.id]);
  });

  it('refuses a payload that does not fit its kind, with the field named', async () => {
    const bad = await record(school, { kind: 'food_sample', payload: { dish: '红烧肉', weightGrams: -5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_input');
    expect(JSON.stringify(bad.body.error.details)).toContain('weightGrams');
    const future = await record(school, {
      kind: 'menu',
      entryDate: '2099-01-01',
      payload: { meals: [{ meal: 'lunch', dishes: ['米饭'] }] },
    });
    expect(future.status).toBe(400);
  });

  it('lets the county and the city read a school in scope; another county gets 404, another school cannot write', async () => {
    const own = await t.request('GET', `/api/ledgers/entries?schoolId=${school.id}`, { token: await countyOf(school) });
    expect(own.status).toBe(200);
    expect(own.body.total).toBeGreaterThan(0);
    const city = await t.request('GET', `/api/ledgers/entries?schoolId=${school.id}`, { token: await login('city.duty') });
    expect(city.body.total).toBe(own.body.total);

    const foreign = await t.request('GET', `/api/ledgers/entries?schoolId=${school.id}`, { token: await countyOf(elsewhere) });
    expect(foreign.status).toBe(404);
    const entry = own.body.items[0].id as string;
    expect((await t.request('GET', `/api/ledgers/entries/${entry}`, { token: await countyOf(elsewhere) })).status).toBe(404);
    expect((await t.request('GET', `/api/ledgers/staff?schoolId=${school.id}`, { token: await countyOf(elsewhere) })).status).toBe(404);
    expect((await t.request('GET', `/api/ledgers/completeness?schoolId=${school.id}`, { token: await countyOf(elsewhere) })).status).toBe(
      404,
    );

    const intruder = await t.request('POST', '/api/ledgers/entries', {
      token: await manager(neighbour),
      body: { schoolId: school.id, kind: 'menu', payload: { meals: [{ meal: 'lunch', dishes: ['米饭'] }] } },
    });
    expect(intruder.status).toBe(404);
    const staffIntruder = await t.request('POST', '/api/ledgers/staff', {
      token: await manager(neighbour),
      body: { schoolId: school.id, name: '王五', position: '厨师' },
    });
    expect(staffIntruder.status).toBe(404);
    const countyWrite = await t.request('POST', '/api/ledgers/entries', {
      token: await countyOf(school),
      body: { schoolId: school.id, kind: 'menu', payload: { meals: [{ meal: 'lunch', dishes: ['米饭'] }] } },
    });
    expect(countyWrite.status).toBe(403);
  });

  it('raises exactly one health_cert_expired alert for an expired certificate, however often it is evaluated', async () => {
    const added = await t.request('POST', '/api/ledgers/staff', {
      token: await manager(school),
      body: { name: '赵师傅', position: '切配', healthCertNumber: 'JK-2025-001', healthCertExpiry: '2025-06-30' },
    });
    expect(added.status).toBe(201);
    await evaluate(school);
    await evaluate(school);
    await ledgerWarningSweep(t.server.ctx)();
    const alerts = (await ledgerAlerts(school, 'health_cert_expired')).filter((a) => a.details.warningKey.includes(added.body.id));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.severity).toBe('high');

    // Renewed: the certificate is no longer warned about, and nothing new is raised for it.
    const renewed = await t.request('PATCH', `/api/ledgers/staff/${added.body.id}`, {
      token: await manager(school),
      body: { version: added.body.version, healthCertExpiry: '2030-06-30' },
    });
    expect(renewed.status).toBe(200);
    const warnings = await t.request('GET', '/api/ledgers/warnings', { token: await manager(school) });
    expect(warnings.body.items.some((w: { key: string }) => w.key.includes(added.body.id))).toBe(false);
    const stale = await t.request('PATCH', `/api/ledgers/staff/${added.body.id}`, {
      token: await manager(school),
      body: { version: added.body.version, position: '主厨' },
    });
    expect(stale.status).toBe(409);
  });

  it('raises sample_retention for a 100 g sample, and nothing for a proper one', async () => {
    const collectedAt = new Date(t.clock.now().getTime() - 3_600_000).toISOString();
    const small = await record(school, {
      kind: 'food_sample',
      payload: { meal: 'lunch', dish: '番茄炒蛋', weightGrams: 100, collectedAt },
    });
    const proper = await record(school, { kind: 'food_sample', payload: { meal: 'lunch', dish: '米饭', weightGrams: 150, collectedAt } });
    expect(small.status).toBe(201);
    await evaluate(school);
    const keys = (await ledgerAlerts(school, 'sample_retention')).map((a) => a.details.warningKey);
    expect(keys.filter((key) => key.includes(small.body.id))).toHaveLength(1);
    expect(keys.filter((key) => key.includes(proper.body.id))).toHaveLength(0);
  });

  it('raises one alert for a purchase without certificate, none for one with its certificate photo', async () => {
    const token = await manager(school);
    const photo = await upload(t.url, token, await jpegWithExif(), { purpose: 'evidence' });
    expect(photo.status).toBe(201);
    const goods = [{ name: '大米', quantity: 50, unit: 'kg' }];
    const bare = await record(school, { kind: 'purchase', payload: { supplierName: '某粮油店', goods } });
    const proper = await record(school, {
      kind: 'purchase',
      payload: { supplierName: '承德粮油公司', goods, certificatePhotoId: photo.body.id, invoicePhotoId: photo.body.id },
    });
    expect(proper.status).toBe(201);
    expect(proper.body.attachmentIds).toEqual([photo.body.id]);
    await evaluate(school);
    await evaluate(school);
    const keys = (await ledgerAlerts(school, 'purchase_without_certificate')).map((a) => a.details.warningKey);
    expect(keys.filter((key) => key.includes(bare.body.id))).toHaveLength(1);
    expect(keys.filter((key) => key.includes(proper.body.id))).toHaveLength(0);

    // A photo of another school cannot be attached: to this school it does not exist.
    const foreignPhoto = await upload(t.url, await manager(neighbour), await jpegWithExif(), { purpose: 'evidence' });
    const stolen = await record(school, {
      kind: 'purchase',
      payload: { supplierName: '承德粮油公司', goods, certificatePhotoId: foreignPhoto.body.id },
    });
    expect(stolen.status).toBe(404);
  });

  it('checks a self-inspection against the inspection checklist', async () => {
    const token = await manager(school);
    const lists = (await t.request('GET', '/api/checklists', { token })).body.items as Array<{
      id: string;
      kind: string;
      content: { sections: Array<{ items: Array<{ code: string }> }> };
    }>;
    const inspection = lists.find((list) => list.kind === 'inspection')!;
    const items = inspection.content.sections.flatMap((section) => section.items);
    const partial = await record(school, {
      kind: 'self_inspection',
      payload: { checklistId: inspection.id, answers: [{ item: items[0]!.code, result: 'pass' }] },
    });
    expect(partial.status).toBe(400);
    const full = await record(school, {
      kind: 'self_inspection',
      payload: { checklistId: inspection.id, answers: items.map((item) => ({ item: item.code, result: 'pass' })) },
    });
    expect(full.status).toBe(201);
  });

  it('sends an emergency report to the county and the city at once: a socket event and a high alert', async () => {
    const county = new TestSocket(t.url, await countyOf(school));
    const city = new TestSocket(t.url, await login('city.duty'));
    const other = new TestSocket(t.url, await countyOf(elsewhere));
    try {
      await Promise.all([county.ready(), city.ready(), other.ready()]);
      const report = await record(school, {
        kind: 'emergency_report',
        payload: {
          type: 'suspected_food_poisoning',
          occurredAt: t.clock.now().toISOString(),
          affected: 6,
          description: '午餐后六名学生腹痛呕吐',
          measures: '已送医，封存留样和剩余食品',
        },
        idempotencyKey: 'emergency-1',
      });
      expect(report.status).toBe(201);
      const heard = (socket: TestSocket) =>
        socket.waitForEvents((events) => events.some((e) => e.type === 'ledger.emergency_reported' && e.subject.id === report.body.id));
      await Promise.all([heard(county), heard(city)]);
      await city.waitForEvents((events) => events.some((e) => e.type === 'alert.raised' && e.data.category === 'emergency_report'));
      expect(other.events.some((e) => e.type === 'ledger.emergency_reported')).toBe(false);

      const alerts = await t.request('GET', `/api/alerts?category=emergency_report&school=${school.id}`, { token: await countyOf(school) });
      expect(alerts.body.items).toHaveLength(1);
      expect(alerts.body.items[0].severity).toBe('high');
      // A retry of the report raises nothing more.
      await record(school, {
        kind: 'emergency_report',
        payload: report.body.payload,
        idempotencyKey: 'emergency-1',
      });
      expect((await ledgerAlerts(school, 'emergency_report')).length).toBe(1);
    } finally {
      for (const socket of [county, city, other]) socket.close();
    }
  });

  it('shows completeness per county and per school rising as the school records its ledgers', async () => {
    const token = await countyOf(neighbour);
    const today = shanghaiDate(t.clock.now());
    const read = async () => {
      const response = await t.request('GET', `/api/ledgers/completeness?from=${today}&to=${today}`, { token });
      expect(response.status).toBe(200);
      return response.body as {
        counties: Array<{ code: string }>;
        schools: Array<{ id: string; present: number; required: number }>;
      };
    };
    const before = await read();
    expect(before.counties.map((c) => c.code)).toEqual([neighbour.countyCode]);
    const mine = (body: typeof before) => body.schools.find((s) => s.id === neighbour.id)!;
    await record(neighbour, {
      kind: 'disinfection',
      payload: { items: '餐盘、碗、筷', method: 'heat', durationMinutes: 20, operator: '王师傅' },
    });
    const after = await read();
    // On a school day a daily ledger counts one item; on a weekend nothing is required.
    expect(mine(after).present).toBe(Math.min(mine(before).present + 1, mine(after).required));
  });
});

describe('morning-check warnings on a school day', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ canteens: 20 });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Moves the test clock to a Shanghai wall-clock time. */
  const moveTo = (local: string) => t.clock.advance(new Date(`${local}+08:00`).getTime() - t.clock.now().getTime());

  it('raises no_morning_check for a school day with none recorded by 10:00, once; none for a school that checked', async () => {
    // A Wednesday at least a week ahead, so that the sessions and records are made on that day.
    const ahead = new Date(t.clock.now().getTime() + 8 * 86_400_000);
    const wednesday = new Date(ahead.getTime() + ((3 - ahead.getUTCDay() + 7) % 7) * 86_400_000).toISOString().slice(0, 10);
    const [checked, silent] = t.dataset.schools;
    const schoolOf = async (id: string) => (await findLedgerSchool(t.db, id))!;
    const keyOf = (schoolId: string) => `no_morning_check:${schoolId}:${wednesday}`;
    const raisedFor = async (schoolId: string) =>
      (
        await t
          .db('alerts')
          .where({ school_id: schoolId, category: 'no_morning_check' })
          .whereRaw("details->>'warningKey' = ?", [keyOf(schoolId)])
      ).length;

    moveTo(`${wednesday}T08:00:00`);
    const token = await t.login(`school.${checked!.code}`);
    const recorded = await t.request('POST', '/api/ledgers/entries', {
      token,
      body: { kind: 'morning_check', payload: { checked: [{ name: '张师傅' }] } },
    });
    expect(recorded.body.entryDate).toBe(wednesday);

    // No entry and no required-from day: the school is not judged on missing records (no flood on day one).
    moveTo(`${wednesday}T10:30:00`);
    await evaluateLedgers(t.server.ctx, [await schoolOf(silent!.id)]);
    expect(await raisedFor(silent!.id)).toBe(0);

    // The city makes ledgers required from that Monday.
    const admin = await t.login('city.admin');
    const monday = new Date(Date.parse(`${wednesday}T00:00:00Z`) - 2 * 86_400_000).toISOString().slice(0, 10);
    expect((await putSetting(t, admin, 'ledgers.requiredFrom', monday)).status).toBe(200);
    t.server.ctx.settings.clear();

    moveTo(`${wednesday}T09:30:00`);
    await evaluateLedgers(t.server.ctx, [await schoolOf(checked!.id), await schoolOf(silent!.id)]);
    expect(await raisedFor(silent!.id)).toBe(0);

    moveTo(`${wednesday}T10:30:00`);
    for (let i = 0; i < 3; i += 1) await evaluateLedgers(t.server.ctx, [await schoolOf(checked!.id), await schoolOf(silent!.id)]);
    expect(await raisedFor(silent!.id)).toBe(1);
    expect(await raisedFor(checked!.id)).toBe(0);

    // The daily sweep: not before the cutoff, then every school once that day, raising nothing twice.
    const sweep = ledgerWarningSweep(t.server.ctx);
    moveTo(`${wednesday}T09:00:00`);
    expect(await sweep()).toEqual({ skipped: 'before the morning-check cutoff' });
    moveTo(`${wednesday}T10:45:00`);
    expect(await sweep()).toMatchObject({ schools: t.dataset.schools.length });
    expect(await sweep()).toEqual({ skipped: 'swept today' });
    expect(await raisedFor(silent!.id)).toBe(1);

    // The county sees the ledger alert on its desk's alert list.
    const county = await t.login(`county.${silent!.countyCode}`);
    const alerts = await t.request('GET', `/api/alerts?source=ledger&school=${silent!.id}&category=no_morning_check`, { token: county });
    expect(alerts.status).toBe(200);
    expect(alerts.body.items.some((a: { details: { warningKey: string } }) => a.details.warningKey === keyOf(silent!.id))).toBe(true);
  });
});
