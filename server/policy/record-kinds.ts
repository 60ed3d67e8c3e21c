// The kinds of record a request can name, and where each lies in the jurisdiction tree. A route declares which
// of its fields name which kind (its refs); the route layer resolves every one of them and lets the policy
// decide, so a filter, a path id and a body reference outside the caller's scope all answer 404 alike.
import type { Knex } from 'knex';
import { whereWithin } from '../db/scope';
import type { Actor, ScopeNode } from './actor';

/** A record's place in the tree: the materialized path of its node (a jurisdiction's full row for `node`). */
export type RecordNode = { path: string } & Partial<ScopeNode>;

interface RecordKind {
  /** What an id of this kind looks like; anything else is left to the schema to refuse (400). */
  pattern: RegExp;
  /**
   * Whether a record of this kind can move in the tree after it is made. Those that cannot (every kind but a
   * user, who may be bound to another node) are remembered once found, so a busy route (a detector posting
   * alerts hundreds of times a second) asks the database once per camera, not once per post.
   */
  moves?: boolean;
  /** Where each of the ids that exist lies (one query for many: a bulk notice names thousands of schools). */
  resolve(db: Knex, ids: readonly string[], actor: Actor): Promise<Map<string, RecordNode>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Jurisdiction and school codes: administrative codes (6 digits) and the codes of school nodes (more). */
export const NODE_CODE_PATTERN = /^\d{6,12}$/;
const CODE = NODE_CODE_PATTERN;
/** GB/T 28181 device and channel ids. */
const GB_ID = /^\d{20}$/;
/** Ids looked up per query (PostgreSQL takes at most 65,535 bound values). */
const CHUNK = 5_000;

async function rowsByKey<Row>(ids: readonly string[], fetch: (chunk: string[]) => Promise<Row[]>): Promise<Row[]> {
  const rows: Row[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) rows.push(...(await fetch(ids.slice(start, start + CHUNK))));
  return rows;
}

/** A record of a table that carries the materialized path of its node in `scope_path`, by `key` (id or code). */
const scopedRow = (table: string, key = 'id', pattern = UUID): RecordKind => ({
  pattern,
  resolve: async (db, ids) => {
    const rows = await rowsByKey(
      ids,
      (chunk) => db(table).whereIn(key, chunk).select({ key, path: 'scope_path' }) as Promise<Array<{ key: string; path: string }>>,
    );
    return new Map(rows.map((row) => [String(row.key), { path: row.path }]));
  },
});

const RECORD_KINDS = {
  node: {
    pattern: CODE,
    resolve: async (db, codes) => {
      const rows = await rowsByKey(
        codes,
        (chunk) => db('jurisdictions').whereIn('code', chunk).select('id', 'code', 'level', 'name', 'path') as Promise<ScopeNode[]>,
      );
      return new Map(rows.map((row) => [row.code, row]));
    },
  },
  school: scopedRow('schools'),
  /** A school by its own code (the assessment names schools so). */
  school_code: scopedRow('schools', 'code', CODE),
  canteen: scopedRow('canteens'),
  camera: scopedRow('cameras'),
  /** A GB/T 28181 device by its 20-digit id. */
  gb_device: scopedRow('gb_devices', 'device_id', GB_ID),
  /** A channel of a GB/T 28181 device by its 20-digit id: it lies where its device does. */
  gb_channel: {
    pattern: GB_ID,
    resolve: async (db, ids) => {
      const rows = await rowsByKey(
        ids,
        (chunk) =>
          db('gb_channels as c')
            .join('gb_devices as d', 'd.id', 'c.device_id')
            .whereIn('c.channel_id', chunk)
            .select('c.channel_id', 'd.scope_path') as Promise<Array<{ channel_id: string; scope_path: string }>>,
      );
      return new Map(rows.map((row) => [row.channel_id, { path: row.scope_path }]));
    },
  },
  alert: scopedRow('alerts'),
  task: scopedRow('tasks'),
  complaint: scopedRow('complaints'),
  patrol_record: scopedRow('patrol_records'),
  ledger_entry: scopedRow('ledger_entries'),
  staff: scopedRow('canteen_staff'),
  supplier: scopedRow('suppliers'),
  bulletin: scopedRow('bulletins'),
  /** A user lies at the node they are bound to. */
  user: {
    pattern: UUID,
    moves: true,
    resolve: async (db, ids) => {
      const rows = await rowsByKey(
        ids,
        (chunk) =>
          db('users as u')
            .join('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
            .whereIn('u.id', chunk)
            .select('u.id', 'j.path') as Promise<Array<{ id: string; path: string }>>,
      );
      return new Map(rows.map((row) => [row.id, { path: row.path }]));
    },
  },
  attachment: {
    pattern: UUID,
    resolve: async (db, ids, actor) => {
      const rows = (await db('attachments').whereIn('id', ids).select('id', 'scope_path')) as Array<{ id: string; scope_path: string }>;
      const scope = actor.kind === 'user' || actor.kind === 'service' ? actor.node.path : null;
      const found = new Map<string, RecordNode>();
      for (const row of rows) {
        if (!scope || row.scope_path.startsWith(scope)) {
          found.set(row.id, { path: row.scope_path });
          continue;
        }
        // A notice shared down the tree (a city's file on tasks to its schools) is visible with the task.
        const task = (await whereWithin(db('task_events as e').join('tasks as t', 't.id', 'e.task_id'), 't.scope_path', scope)
          .whereRaw('e.attachment_ids @> ARRAY[?]::uuid[]', [row.id])
          .first('t.scope_path')) as { scope_path: string } | undefined;
        found.set(row.id, { path: task?.scope_path ?? row.scope_path });
      }
      return found;
    },
  },
} satisfies Record<string, RecordKind>;

export type RecordKindName = keyof typeof RECORD_KINDS;
export const RECORD_KIND_NAMES = Object.keys(RECORD_KINDS) as RecordKindName[];

/** Whether a value has the shape of an id of that kind (only such values are looked up). */
export function looksLikeId(kind: RecordKindName, value: unknown): value is string {
  return typeof value === 'string' && RECORD_KINDS[kind].pattern.test(value);
}

/** Places of records that cannot move, by kind and id, per database; bounded, emptied whole when full. */
const placesByDatabase = new WeakMap<Knex, Map<string, RecordNode>>();
const MAX_PLACES = 100_000;

/** Where each record of that kind that exists lies, by id. */
export async function resolveRecords(
  db: Knex,
  kind: RecordKindName,
  ids: readonly string[],
  actor: Actor,
): Promise<Map<string, RecordNode>> {
  const definition: RecordKind = RECORD_KINDS[kind];
  // An attachment's place depends on who asks (a notice shared down the tree): never remembered.
  if (definition.moves || kind === 'attachment') return definition.resolve(db, ids, actor);
  const places = placesByDatabase.get(db) ?? new Map<string, RecordNode>();
  placesByDatabase.set(db, places);
  const found = new Map<string, RecordNode>();
  const missing: string[] = [];
  for (const id of ids) {
    const place = places.get(`${kind}:${id}`);
    if (place) found.set(id, place);
    else missing.push(id);
  }
  if (missing.length === 0) return found;
  if (places.size + missing.length > MAX_PLACES) places.clear();
  // Only records that exist are remembered: one missing now may be made a moment later.
  for (const [id, place] of await definition.resolve(db, missing, actor)) {
    places.set(`${kind}:${id}`, place);
    found.set(id, place);
  }
  return found;
}
