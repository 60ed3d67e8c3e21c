// Retention is one policy for the whole database: its settings are read at the top of the jurisdiction tree
// (the province, or the city in a city deployment), whatever lower nodes may have set.
import type { Knex } from 'knex';
import { effectiveSetting } from '../settings/queries';

export interface RetentionSettings {
  eventLogDays: number;
  closedAlertDays: number;
  cameraStatusDetailDays: number;
  riskHistoryDailyDays: number;
}

export async function retentionSettings(db: Knex): Promise<RetentionSettings> {
  const root = (await db('jurisdictions').whereNull('parent_id').orderBy('path').first('path')) as { path: string } | undefined;
  const path = root?.path ?? '/';
  return {
    eventLogDays: await effectiveSetting(db, path, 'retention.eventLogDays'),
    closedAlertDays: await effectiveSetting(db, path, 'retention.closedAlertDays'),
    cameraStatusDetailDays: await effectiveSetting(db, path, 'retention.cameraStatusDetailDays'),
    riskHistoryDailyDays: await effectiveSetting(db, path, 'retention.riskHistoryDailyDays'),
  };
}
