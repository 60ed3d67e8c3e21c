// Reading the event log. Writing happens only through the unit of work, inside the transaction of the change.
import type { Knex } from 'knex';

export interface EventRecord {
  seq: number;
  type: string;
  subject: { type: string; id: string };
  scopeNodes: string[];
  actorId: string | null;
  payload: Record<string, unknown>;
  at: Date;
}

/** What a client receives: the event without the internal list of scope nodes. */
export interface EventMessage {
  seq: number;
  type: string;
  at: string;
  subject: { type: string; id: string };
  data: Record<string, unknown>;
}

interface EventRow {
  seq: number;
  type: string;
  subject_type: string;
  subject_id: string;
  scope_nodes: string[];
  actor_id: string | null;
  payload: Record<string, unknown>;
  created_at: Date;
}

const toRecord = (row: EventRow): EventRecord => ({
  seq: Number(row.seq),
  type: row.type,
  subject: { type: row.subject_type, id: row.subject_id },
  scopeNodes: row.scope_nodes,
  actorId: row.actor_id,
  payload: row.payload,
  at: row.created_at,
});

export const toMessage = (event: EventRecord): EventMessage => ({
  seq: event.seq,
  type: event.type,
  at: event.at.toISOString(),
  subject: event.subject,
  data: event.payload,
});

export interface ReadEventsOptions {
  after: number;
  upTo?: number;
  /** Only events for this audience (see `audienceOf`). */
  audience?: string[];
  limit: number;
}

export async function readEvents(db: Knex, options: ReadEventsOptions): Promise<EventRecord[]> {
  const query = db<EventRow>('event_log').where('seq', '>', options.after).orderBy('seq').limit(options.limit);
  if (options.upTo !== undefined) void query.andWhere('seq', '<=', options.upTo);
  if (options.audience !== undefined) void query.andWhereRaw('scope_nodes && ?::text[]', [options.audience]);
  const rows = (await query) as EventRow[];
  return rows.map(toRecord);
}

/** The sequence number of the newest committed event. */
export async function lastCommittedSeq(db: Knex): Promise<number> {
  const row = (await db('event_counter').where({ id: 1 }).first('last_seq')) as { last_seq: number } | undefined;
  return Number(row?.last_seq ?? 0);
}
