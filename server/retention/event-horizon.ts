// How far the event log has been pruned. Resume by seq reads it: a client whose last seen sequence is below
// it would miss pruned events, so it is told to reload its state instead.
import type { Knex } from 'knex';

export async function eventLogPrunedThrough(db: Knex): Promise<number> {
  const row = (await db('retention_state').where({ id: 1 }).first('event_log_pruned_through')) as
    { event_log_pruned_through: number } | undefined;
  return Number(row?.event_log_pruned_through ?? 0);
}

/** Whether a client that last saw `since` has missed events that are no longer kept. */
export async function missedPrunedEvents(db: Knex, since: number): Promise<boolean> {
  return since < (await eventLogPrunedThrough(db));
}
