// What every command and query needs, passed explicitly so that domain code never reaches for globals
// and never sees HTTP.
import type { Knex } from 'knex';
import type { Config } from './config';
import type { DbKind } from './db/connect';
import type { Logger } from './logger';
import type { SettingsCache } from './settings/cache';
import type { FileStorage } from './storage/file-storage';

export interface EventSink {
  /** Called after a transaction that wrote events has committed, with the last sequence number it wrote. */
  committed(lastSeq: number): void;
}

export interface DomainContext {
  db: Knex;
  dbKind: DbKind;
  config: Config;
  log: Logger;
  events: EventSink;
  /** Files: evidence photos, snapshots. */
  storage: FileStorage;
  /** Settings in force at a node, cached; emptied whenever a setting changes anywhere. */
  settings: SettingsCache;
  /** Signs short-lived tokens; from SESSION_SECRET or generated once and kept in the database. */
  signingSecret: string;
  now(): Date;
}
