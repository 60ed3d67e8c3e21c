// One transaction for one domain action: the change, the events that report it and the audit rows are
// written together or not at all. Events get their sequence numbers at the very end, so the counter row is
// locked only for the last moments of the transaction.
import type { Knex } from 'knex';
import type { DomainContext } from '../context';
import { codesOfPath, systemActor, type Caller } from '../policy/actor';
import type { PendingEvent } from '../realtime/event-catalogue';

export type { PendingEvent };

export interface PendingAudit {
  action: string;
  targetType?: string;
  targetId?: string;
  scopePath?: string | null;
  details?: Record<string, unknown>;
}

export interface UnitOfWork {
  readonly trx: Knex.Transaction;
  readonly caller: Caller;
  emit(event: PendingEvent): void;
  audit(entry: PendingAudit): void;
}

/** The same unit of work, acting as the system (e.g. an automatic step taken on a user's action). */
export function asSystem(uow: UnitOfWork, name: string): UnitOfWork {
  return { ...uow, caller: { actor: systemActor(name) } };
}

export async function runInTransaction<T>(ctx: DomainContext, caller: Caller, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  let lastSeq = 0;
  const result = await ctx.db.transaction(async (trx) => {
    const events: PendingEvent[] = [];
    const audits: PendingAudit[] = [];
    const value = await work({
      trx,
      caller,
      emit: (event) => events.push(event),
      audit: (entry) => audits.push(entry),
    });
    if (audits.length > 0) await writeAudit(trx, caller, audits);
    if (events.length > 0) lastSeq = await appendEvents(trx, caller, events);
    return value;
  });
  if (lastSeq > 0) ctx.events.committed(lastSeq);
  return result;
}

/**
 * Writes events to the log with the next sequence numbers, in one statement: the counter row is bumped and
 * the rows inserted together, so the row lock is held only from here to the commit. Returns the last seq.
 */
export async function appendEvents(trx: Knex.Transaction, caller: Caller, events: PendingEvent[]): Promise<number> {
  const callerId = caller.actor.kind === 'user' || caller.actor.kind === 'service' ? caller.actor.id : null;
  let last = 0;
  // Large bulk actions write many events; chunk to stay under the bind-parameter limit.
  for (let i = 0; i < events.length; i += 1000) {
    const chunk = events.slice(i, i + 1000);
    const result = (await trx.raw(
      `WITH counter AS (UPDATE event_counter SET last_seq = last_seq + ? WHERE id = 1 RETURNING last_seq),
            incoming AS (SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::jsonb[])
                           WITH ORDINALITY AS e(type, subject_type, subject_id, scope_nodes, actor_id, payload, ord))
       INSERT INTO event_log (seq, type, subject_type, subject_id, scope_nodes, actor_id, payload)
       SELECT counter.last_seq - ? + incoming.ord, incoming.type, incoming.subject_type, incoming.subject_id,
              string_to_array(incoming.scope_nodes, ','), incoming.actor_id, incoming.payload
         FROM counter, incoming
       RETURNING seq`,
      [
        chunk.length,
        chunk.map((event) => event.type),
        chunk.map((event) => event.subject.type),
        chunk.map((event) => event.subject.id),
        chunk.map((event) => scopeNodesOf(event.scopePaths, event.downTo).join(',')),
        chunk.map((event) => (event.actorId === undefined ? callerId : event.actorId)),
        chunk.map((event) => JSON.stringify(event.payload)),
        chunk.length,
      ] as unknown as readonly Knex.RawBinding[],
    )) as { rows: Array<{ seq: number }> };
    last = Math.max(last, ...result.rows.map((row) => Number(row.seq)));
  }
  return last;
}

export function scopeNodesOf(scopePaths: string[], downTo: string[] = []): string[] {
  const codes = new Set<string>();
  for (const path of [...scopePaths, ...downTo]) for (const code of codesOfPath(path)) codes.add(code);
  for (const path of downTo) codes.add(`down:${codesOfPath(path).at(-1)}`);
  return [...codes];
}

async function writeAudit(trx: Knex.Transaction, caller: Caller, entries: PendingAudit[]): Promise<void> {
  const actor = caller.actor;
  await trx('audit_log').insert(
    entries.map((entry) => ({
      actor_kind: actor.kind,
      actor_id: actor.kind === 'user' || actor.kind === 'service' ? actor.id : null,
      actor_name: actor.kind === 'user' ? actor.username : actor.kind === 'service' || actor.kind === 'system' ? actor.name : null,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      scope_path: entry.scopePath ?? null,
      ip: caller.ip ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })),
  );
}
