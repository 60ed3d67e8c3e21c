// Two cities for tests of the jurisdiction boundary: Chengde (with its users of every role) and one county of
// Zhangjiakou (张北县), whose records lie outside every Chengde user's scope and inside the province's
// (the demo seeds the users of every node: `province.duty`, `city.duty`, `city.130700.duty`, …). `recordsAt` makes one record of
// every kind a request can name in one school, through the API as that school's own people would.
import type { Knex } from 'knex';
import { CHENGDE_CODE, CHENGDE_SEED, HEBEI_CODE } from '../../fixtures/chengde';
import { generateRegion } from '../../fixtures/region/generate';
import { CHENGDE_COUNTIES } from '../../fixtures/region/population';
import type { Dataset, SchoolRecord } from '../../fixtures/region/types';
import { GB_ID_TYPES, makeGbId } from '../../gb28181/gb-id';
import { createServiceToken } from '../../server/auth/commands/createServiceToken';
import { systemActor } from '../../server/policy/actor';
import type { RecordKindName } from '../../server/policy/record-kinds';
import { jpegWithExif, upload } from './images';
import type { TestServer } from './test-server';

export const HOME_COUNTY = '130822'; // 兴隆县, Chengde
export const FOREIGN_COUNTY = '130722'; // 张北县, Zhangjiakou
const ZHANGJIAKOU_CODE = '130700';

export function twoCities(options: { canteens?: number } = {}): Dataset {
  return generateRegion({
    seed: CHENGDE_SEED,
    provinceCode: HEBEI_CODE,
    cityCodes: [CHENGDE_CODE, ZHANGJIAKOU_CODE],
    counties: [
      ...CHENGDE_COUNTIES.map((county) => ({ code: county.code, weight: county.population, cityCode: CHENGDE_CODE })),
      { code: FOREIGN_COUNTY, weight: 30, cityCode: ZHANGJIAKOU_CODE },
    ],
    canteens: options.canteens ?? 40,
    referenceDate: '2026-11-01',
    minCanteensPerCounty: 2,
  });
}

/** One id of every kind of record, all in one school (and `county`: the 6-digit code of its county). */
export type ScopeRecords = Record<RecordKindName, string> & { county: string };

export async function recordsAt(t: TestServer, countyCode: string): Promise<ScopeRecords> {
  const school = t.dataset.schools.find((candidate) => candidate.countyCode === countyCode) as SchoolRecord;
  const canteen = t.dataset.canteens.find((candidate) => candidate.schoolId === school.id)!;
  const camera = t.dataset.cameras.find((candidate) => candidate.schoolId === school.id)!;
  const county = await t.login(`county.${countyCode}`);
  const manager = await t.login(`school.${school.code}`);
  const ok = <T extends { status: number; body: any }>(what: string, response: T): T['body'] => {
    if (response.status >= 300) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  const attachment = ok('upload', await upload(t.url, manager, await jpegWithExif())).id as string;
  const alert = ok(
    'alert',
    await t.request('POST', '/api/alerts', { token: county, body: { source: 'patrol', category: 'no_chef_hat', cameraId: camera.id } }),
  ).alert.id as string;
  const task = ok(
    'task',
    await t.request('POST', '/api/tasks', { token: county, body: { title: '整改', assignee: school.code, deadlineHours: 48 } }),
  ).id as string;
  ok(
    'complaint',
    await t.request('POST', '/api/public/complaints', { body: { schoolId: school.id, category: 'hygiene', text: '餐具上有油渍没洗干净' } }),
  );
  const checklist = ok('checklists', await t.request('GET', '/api/checklists', { token: county })).items.find(
    (candidate: { kind: string }) => candidate.kind === 'remote_patrol',
  );
  const answers = checklist.content.sections
    .flatMap((section: { items: Array<{ code: string }> }) => section.items)
    .map((item: { code: string }) => ({ item: item.code, result: 'pass' }));
  const patrol = ok(
    'patrol',
    await t.request('POST', '/api/patrol/records', { token: county, body: { canteenId: canteen.id, checklistId: checklist.id, answers } }),
  ).id as string;
  const entry = ok(
    'ledger entry',
    await t.request('POST', '/api/ledgers/entries', {
      token: manager,
      body: { kind: 'menu', payload: { meals: [{ meal: 'lunch', dishes: ['米饭'] }] } },
    }),
  ).id as string;
  const staff = ok('staff', await t.request('POST', '/api/ledgers/staff', { token: manager, body: { name: '张师傅', position: '厨师' } }))
    .id as string;
  const supplier = ok('supplier', await t.request('POST', '/api/ledgers/suppliers', { token: manager, body: { name: '粮油公司' } }))
    .id as string;
  const bulletin = ok('bulletin', await t.request('POST', '/api/bulletins', { token: county, body: { period: '2026' } })).id as string;

  // A GB/T 28181 NVR of the county (type 118) with one channel (type 131), as the county's relay reports it.
  const gbDevice = makeGbId(countyCode, GB_ID_TYPES.nvr, 1);
  const gbChannel = makeGbId(countyCode, GB_ID_TYPES.camera, 1);
  const relay = (
    await createServiceToken(
      t.server.ctx,
      { actor: systemActor('test') },
      { name: `gb-${countyCode}`, kind: 'relay', scopeCode: countyCode },
    )
  ).token;
  ok(
    'gb device',
    await t.request('POST', '/api/relays/gb/devices', {
      token: relay,
      body: {
        relayId: `gb-${countyCode}`,
        devices: [
          {
            deviceId: gbDevice,
            online: true,
            transport: 'tcp',
            address: '10.0.0.1',
            port: 5060,
            channels: [{ channelId: gbChannel, name: '通道1', status: 'ON' }],
          },
        ],
      },
    }),
  );
  const db: Knex = t.db;
  const complaint = ((await db('complaints').where({ school_id: school.id }).first('id')) as { id: string }).id;
  const user = (
    (await db('users')
      .where({ username: `school.${school.code}` })
      .first('id')) as { id: string }
  ).id;
  return {
    node: school.code,
    county: countyCode,
    school: school.id,
    school_code: school.code,
    canteen: canteen.id,
    camera: camera.id,
    alert,
    task,
    complaint,
    patrol_record: patrol,
    ledger_entry: entry,
    staff,
    supplier,
    bulletin,
    attachment,
    user,
    gb_device: gbDevice,
    gb_channel: gbChannel,
  };
}
