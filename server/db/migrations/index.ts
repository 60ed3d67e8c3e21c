// The ordered list of migrations. Named by date and number; a new migration is appended, never edited.
import type { Knex } from 'knex';
import * as foundation from './20261122_0001_foundation';
import * as dispatch from './20261122_0002_dispatch';
import * as video from './20261122_0003_video';
import * as analytics from './20261122_0004_analytics';
import * as risk from './20261122_0005_risk';
import * as ledgers from './20261123_0006_ledgers';
import * as bulletins from './20261123_0007_bulletins';
import * as cameraStatusHistory from './20261123_0008_camera_status_history';
import * as alertAcknowledgements from './20261123_0009_alert_acknowledgements';
import * as loginThrottles from './20261124_0010_login_throttles';
import * as relayStorage from './20261207_0011_relay_storage';
import * as relayOwner from './20261207_0012_relay_owner';
import * as alertCase from './20261207_0013_alert_case';
import * as alertClips from './20261207_0014_alert_clips';
import * as gb28181 from './20261207_0015_gb28181';
import * as provinceRoles from './20261207_0016_province_roles';
import * as relayAssignment from './20261207_0017_relay_assignment';
import * as retention from './20261207_0018_retention';

export interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

export const migrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['20261122_0001_foundation', foundation],
  ['20261122_0002_dispatch', dispatch],
  ['20261122_0003_video', video],
  ['20261122_0004_analytics', analytics],
  ['20261122_0005_risk', risk],
  ['20261123_0006_ledgers', ledgers],
  ['20261123_0007_bulletins', bulletins],
  ['20261123_0008_camera_status_history', cameraStatusHistory],
  ['20261123_0009_alert_acknowledgements', alertAcknowledgements],
  ['20261124_0010_login_throttles', loginThrottles],
  ['20261207_0011_relay_storage', relayStorage],
  ['20261207_0012_relay_owner', relayOwner],
  ['20261207_0013_alert_case', alertCase],
  ['20261207_0014_alert_clips', alertClips],
  ['20261207_0015_gb28181', gb28181],
  ['20261207_0016_province_roles', provinceRoles],
  ['20261207_0017_relay_assignment', relayAssignment],
  ['20261207_0018_retention', retention],
];
