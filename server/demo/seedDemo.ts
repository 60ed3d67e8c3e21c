// Loads a generated data set and its demo users into an empty database, in one transaction.
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { Dataset } from '../../fixtures/region/types';
import type { CalendarDate } from '../../analytics/calendar';
import { hashPassword } from '../auth/passwords';
import type { DemoRegion } from '../config';
import { seedDemoHistory } from './demo-history';
import { demoUsers, sampleLogins } from './demo-users';

export const DEFAULT_DEMO_PASSWORD = 'Chengde@2026';
/** Set when the demo data set was loaded: the demo's simulated cameras then start with the server. */
export const DEMO_MARKER = 'demo_dataset';

export async function isDemoLoaded(db: Knex): Promise<boolean> {
  return ((await db('settings').where({ key: DEMO_MARKER }).first('key')) as object | undefined) !== undefined;
}

export interface DemoLogin {
  username: string;
  role: string;
  scope: string;
}

export async function isDatabaseEmpty(db: Knex): Promise<boolean> {
  const row = (await db('jurisdictions').first('id')) as object | undefined;
  return row === undefined;
}

const CHUNK = 500;
async function insertChunked(trx: Knex.Transaction, table: string, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await trx(table).insert(rows.slice(i, i + CHUNK));
}

export interface SeedOptions {
  /** Also write HISTORY_DAYS days of made-up history up to this day (the demo's first start; tests leave it out). */
  historyUntil?: CalendarDate;
  /** Which demo region the data set is (kept in the demo marker). */
  region?: DemoRegion;
}

/** Writes the data set and its demo users (demo-users.ts). Returns a few logins to print. */
export async function seedDemo(
  db: Knex,
  dataset: Dataset,
  password: string,
  options: SeedOptions = {},
): Promise<{ sample: DemoLogin[]; users: number }> {
  // Demo accounts share one published password, so one salted hash serves them all: hashing 1,200 times
  // with scrypt would add a minute to the first start and protect nothing. Real accounts get their own salt.
  const passwordHash = await hashPassword(password);
  const accounts = demoUsers(dataset);
  const users = accounts.map((user) => ({ ...user, id: uuidv7(), password_hash: passwordHash }));

  await db.transaction(async (trx) => {
    await insertChunked(
      trx,
      'jurisdictions',
      dataset.jurisdictions.map((node) => ({
        id: node.id,
        code: node.code,
        level: node.level,
        name: node.name,
        parent_id: node.parentId,
        path: node.path,
        depth: node.depth,
        boundary: node.boundary ? JSON.stringify(node.boundary) : null,
        center_lng: node.centerLng,
        center_lat: node.centerLat,
      })),
    );
    await insertChunked(
      trx,
      'schools',
      dataset.schools.map((school) => ({
        id: school.id,
        jurisdiction_id: school.jurisdictionId,
        county_id: school.countyId,
        code: school.code,
        name: school.name,
        type: school.type,
        address: school.address,
        principal: school.principal,
        phone: school.phone,
        students: school.students,
        lng: school.lng,
        lat: school.lat,
        public_notice: `${school.name}食堂实行“明厨亮灶”，欢迎家长通过公开视频监督。投诉电话：12315。`,
        scope_path: school.scopePath,
      })),
    );
    await insertChunked(
      trx,
      'canteens',
      dataset.canteens.map((canteen) => ({
        id: canteen.id,
        school_id: canteen.schoolId,
        name: canteen.name,
        operation_mode: canteen.operationMode,
        contractor: canteen.contractor,
        diners: canteen.diners,
        licence_no: canteen.licenceNo,
        licence_expiry: canteen.licenceExpiry,
        lng: canteen.lng,
        lat: canteen.lat,
        scope_path: canteen.scopePath,
      })),
    );
    await insertChunked(
      trx,
      'cameras',
      dataset.cameras.map((camera) => ({
        id: camera.id,
        canteen_id: camera.canteenId,
        school_id: camera.schoolId,
        name: camera.name,
        area: camera.area,
        stream_url: camera.streamUrl,
        substream_url: camera.substreamUrl,
        codec: camera.codec,
        is_public: camera.isPublic,
        // The demo's camera addresses lead nowhere; simulated cameras are connected at start instead.
        ingest: false,
        scope_path: camera.scopePath,
      })),
    );
    await insertChunked(
      trx,
      'gb_devices',
      (dataset.gbDevices ?? []).map((device) => ({
        id: device.id,
        device_id: device.deviceId,
        jurisdiction_id: device.jurisdictionId,
        // Not registered yet: a relay's SIP server takes the device when it registers (the row is kept).
        online: false,
        transport: 'tcp',
        address: device.address,
        port: 5060,
        name: device.name,
        manufacturer: 'Hikvision',
        model: 'DS-7816N',
        scope_path: device.scopePath,
      })),
    );
    await insertChunked(
      trx,
      'gb_channels',
      (dataset.gbChannels ?? []).map((channel) => ({
        id: channel.id,
        device_id: channel.deviceId,
        channel_id: channel.channelId,
        name: channel.name,
        status: 'ON',
        camera_id: channel.cameraId,
      })),
    );
    await insertChunked(trx, 'users', users);
    if (options.historyUntil) await seedDemoHistory(trx, dataset, options.historyUntil);
    await trx('settings').insert({ key: DEMO_MARKER, value: JSON.stringify(options.region ?? 'chengde') });
  });

  const sample = sampleLogins(dataset, accounts);
  return { sample, users: users.length };
}
