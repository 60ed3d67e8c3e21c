// The ledgers in the canteen risk grade: expired staff health certificates give points the moment the school
// registers them, and renewing them takes the points away again on the write itself (no manual regrade);
// ledger completeness over the last 30 days gives up to 6 points once ledgers are required, and none while
// nothing says they are.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { riskGradeOf, GRADE_BOUNDS, RISK_WEIGHTS } from '../../analytics/risk';
import { putSetting } from '../../tests/support/settings';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { addDays, shanghaiDate } from '../time';
import { runRiskGrading } from './commands/runRiskGrading';

type School = TestServer['dataset']['schools'][number];
type Canteen = TestServer['dataset']['canteens'][number];

interface Factor {
  code: string;
  points: number;
  evidence: Record<string, unknown>;
}
interface Current {
  score: number;
  grade: string;
  factors: Factor[];
}

describe('ledgers in the risk grade', () => {
  let t: TestServer;
  let admin: string;
  const canteensOf = (school: School) => t.dataset.canteens.filter((canteen) => canteen.schoolId === school.id);
  const schoolOf = (canteen: Canteen) => t.dataset.schools.find((school) => school.id === canteen.schoolId)!;
  const current = async (canteen: Canteen): Promise<Current> => {
    const response = await t.request('GET', `/api/risk/canteens/${canteen.id}`, { token: admin });
    expect(response.status).toBe(200);
    return response.body.current as Current;
  };
  const factor = (grade: Current, code: string) => grade.factors.find((f) => f.code === code);
  const bySchoolSize = () => {
    const sizes = new Map<string, number>();
    for (const canteen of t.dataset.canteens) sizes.set(canteen.schoolId, (sizes.get(canteen.schoolId) ?? 0) + 1);
    return sizes;
  };

  beforeAll(async () => {
    t = await startTestServer({ canteens: 60 });
    admin = await t.login('city.admin');
    // Today's full grading, as the scheduled job runs it.
    expect((await runRiskGrading(t.server.ctx)).mode).toBe('full');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('grades two expired health certificates at 2 points each the moment they are registered, and drops them once renewed', async () => {
    // A one-canteen school whose grade 4 more points move to the next grade.
    const sizes = bySchoolSize();
    const graded = (await t.db('canteen_risk').select('canteen_id', 'score')) as Array<{ canteen_id: string; score: number }>;
    const near = graded.find(
      (row) =>
        sizes.get(t.dataset.canteens.find((c) => c.id === row.canteen_id)!.schoolId) === 1 &&
        GRADE_BOUNDS.some(([, bound]) => row.score <= bound && row.score + 4 > bound),
    );
    expect(near).toBeDefined();
    const canteen = t.dataset.canteens.find((c) => c.id === near!.canteen_id)!;
    const school = schoolOf(canteen);
    const manager = await t.login(`school.${school.code}`);
    const before = await current(canteen);
    expect(factor(before, 'health_certs_expired')).toBeUndefined();

    const yesterday = addDays(shanghaiDate(t.clock.now()), -1);
    const staff = [];
    for (const [name, expiry] of [
      ['王师傅', '2025-12-31'],
      ['李阿姨', yesterday],
    ] as const) {
      const added = await t.request('POST', '/api/ledgers/staff', {
        token: manager,
        body: { name, position: '厨师', healthCertNumber: `JK-${name}`, healthCertExpiry: expiry },
      });
      expect(added.status).toBe(201);
      staff.push(added.body as { id: string; version: number });
    }
    // A cook whose certificate is still valid changes nothing.
    const valid = await t.request('POST', '/api/ledgers/staff', {
      token: manager,
      body: { name: '张师傅', position: '切配', healthCertNumber: 'JK-valid', healthCertExpiry: '2030-01-01' },
    });
    expect(valid.status).toBe(201);

    const expired = await current(canteen);
    const weights = RISK_WEIGHTS.dynamic.healthCertsExpired;
    expect(factor(expired, 'health_certs_expired')).toMatchObject({
      label: '健康证过期',
      points: 2 * weights.each,
      evidence: { certificates: 2 },
    });
    expect(expired.score).toBeCloseTo(before.score + 4, 2);
    expect(expired.grade).toBe(riskGradeOf(expired.score));
    expect(expired.grade).not.toBe(before.grade);

    // Renewed in the register: gone with the second write, no recompute asked for.
    for (const [i, member] of staff.entries()) {
      const renewed = await t.request('PATCH', `/api/ledgers/staff/${member.id}`, {
        token: manager,
        body: { version: member.version, healthCertExpiry: '2031-06-30' },
      });
      expect(renewed.status).toBe(200);
      const after = await current(canteen);
      expect(factor(after, 'health_certs_expired')?.evidence).toEqual(i === 0 ? { certificates: 1 } : undefined);
    }
    const renewed = await current(canteen);
    expect(renewed.score).toBeCloseTo(before.score, 2);
    expect(renewed.grade).toBe(before.grade);

    // The scheduled job finds the same writes in the event log (had the regrade been busy or failed): it
    // regrades that school's canteen alone, which is already up to date.
    expect(await runRiskGrading(t.server.ctx)).toMatchObject({ mode: 'touched', canteens: 1, changed: 0 });
  });

  it('counts ledger completeness over the last 30 days from the day ledgers are required, and is neutral before', async () => {
    const sizes = bySchoolSize();
    const others = t.dataset.schools.filter((school) => (sizes.get(school.id) ?? 0) > 0);
    const [kept, none, started] = others.slice(-3) as [School, School, School];
    const today = shanghaiDate(t.clock.now());

    // Nothing recorded and nothing required: no points either way.
    for (const school of [kept, none]) expect(factor(await current(canteensOf(school)[0]!), 'ledger_incomplete')).toBeUndefined();
    // A school that begins keeping ledgers today is not judged on the days before it began.
    const manager = await t.login(`school.${started.code}`);
    const first = await t.request('POST', '/api/ledgers/entries', {
      token: manager,
      body: { kind: 'morning_check', payload: { checked: [{ name: '张师傅' }] } },
    });
    expect(first.status).toBe(201);
    expect(factor(await current(canteensOf(started)[0]!), 'ledger_incomplete')).toBeUndefined();

    // Every ledger kept every day of the last five weeks at one school.
    const kinds = ['morning_check', 'menu', 'food_sample', 'disinfection', 'meal_accompaniment', 'self_inspection'];
    const rows = [];
    for (let back = 1; back <= 37; back += 1) {
      for (const kind of kinds) {
        rows.push({
          id: uuidv7(),
          school_id: kept.id,
          scope_path: kept.scopePath,
          kind,
          entry_date: addDays(today, -back),
          payload: JSON.stringify({}),
        });
      }
    }
    await t.db('ledger_entries').insert(rows);

    // The city makes ledgers required from 60 days ago; the next grading takes it in.
    const required = await putSetting(t, admin, 'ledgers.requiredFrom', addDays(today, -60));
    expect(required.status).toBe(200);
    expect((await t.request('POST', '/api/risk/recompute', { token: admin })).status).toBe(200);

    for (const canteen of canteensOf(kept)) expect(factor(await current(canteen), 'ledger_incomplete')).toBeUndefined();
    for (const canteen of canteensOf(none)) {
      expect(factor(await current(canteen), 'ledger_incomplete')).toMatchObject({
        label: '电子台账不完整',
        points: RISK_WEIGHTS.dynamic.ledgerIncomplete.max,
        evidence: { completeness: 0 },
      });
    }
    // The school that began today kept none of the 30 days before it.
    expect(factor(await current(canteensOf(started)[0]!), 'ledger_incomplete')).toMatchObject({ points: 6 });
  });
});
