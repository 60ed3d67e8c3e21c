// Keeps the camera → relay table true, doing only the work that changed: a relay that died (silent for
// MISSED_HEARTBEATS) hands its cameras to the live relays that cover them; a relay that joined takes its share
// of the cameras under its jurisdiction; cameras marked pending (by the triggers of migration 0018) are placed
// again. Every move or change is a row for the relay concerned, which its next heartbeat reads. Runs under one
// advisory lock so server processes that receive heartbeats at once take turns.
import type { Knex } from 'knex';
import { parseGbCameraUrl } from '../../../stream-relay/protocol';
import { relayForIngest, type LiveRelay } from '../assignment';
import { listAssignableWithin, listAssignedTo, listPending, liveSince, type AssignableCamera } from '../queries';

/** An arbitrary constant naming the assignment's advisory lock. */
const ASSIGNMENT_LOCK = 1_518_000_018;
/** Pending cameras placed per pass: a bulk import spreads over a few heartbeats instead of stalling one. */
const PENDING_PER_PASS = 20_000;
const WRITE_CHUNK = 5_000;

export interface AssignmentPass {
  died: string[];
  joined: string[];
  moved: number;
  pending: number;
}

export async function keepAssignment(trx: Knex.Transaction, now: Date, heartbeatSeconds: number): Promise<AssignmentPass> {
  await trx.raw('SELECT pg_advisory_xact_lock(?)', [ASSIGNMENT_LOCK]);
  const since = liveSince(now, heartbeatSeconds);
  const relays = (await trx('relays').select('id', 'url', 'scope_path', 'last_seen_at', 'assigned')) as Array<{
    id: string;
    url: string;
    scope_path: string;
    last_seen_at: Date;
    assigned: boolean;
  }>;
  const isLiveRow = (relay: (typeof relays)[number]) => relay.last_seen_at.getTime() >= since.getTime();
  const live: LiveRelay[] = relays.filter(isLiveRow).map((relay) => ({ id: relay.id, url: relay.url, scopePath: relay.scope_path }));
  const died = relays.filter((relay) => relay.assigned && !isLiveRow(relay)).map((relay) => relay.id);
  const joined = relays.filter((relay) => !relay.assigned && isLiveRow(relay));
  const writer = new AssignmentWriter(trx, new Set(died));
  let moved = 0;

  if (died.length > 0) {
    // Its change rows go, and any cursor it still holds becomes invalid: should it come back, it gets the whole list.
    await trx('relay_assignment_changes').whereIn('relay_id', died).delete();
    await trx('relays')
      .whereIn('id', died)
      .update({ assigned: false, cursor_floor: trx.raw(`nextval(pg_get_serial_sequence('relay_assignment_changes', 'seq'))`) });
    moved += writer.place(await listAssignedTo(trx, died), live, false);
  }
  if (joined.length > 0) {
    await trx('relays')
      .whereIn(
        'id',
        joined.map((relay) => relay.id),
      )
      .update({ assigned: true });
    moved += writer.place(
      await listAssignableWithin(
        trx,
        joined.map((relay) => relay.scope_path),
      ),
      live,
      false,
    );
  }
  const pending = await listPending(trx, PENDING_PER_PASS);
  if (pending.length > 0) {
    moved += writer.place(pending, live, true);
    for (const ids of chunks(pending.map((camera) => camera.id))) await trx('camera_assignment_pending').whereIn('camera_id', ids).delete();
  }
  await writer.flush();
  return { died, joined: joined.map((relay) => relay.id), moved, pending: pending.length };
}

/** Collects the assignment's writes and makes them in a few multi-row statements. */
class AssignmentWriter {
  private readonly upserts = new Map<string, string>();
  private readonly deletes = new Set<string>();
  private readonly changes: Array<{ relay_id: string; camera_id: string }> = [];
  /** relay + camera already told in this pass (a camera placed by a join and then by its pending mark). */
  private readonly told = new Set<string>();

  constructor(
    private readonly trx: Knex.Transaction,
    /** Relays that died: they are told nothing (their cursor is void). */
    private readonly silent: ReadonlySet<string>,
  ) {}

  /**
   * Places each camera on the relay that should pull it now. `changed`: the camera itself changed (address,
   * codec), so a relay that keeps it is told too. Returns how many cameras changed relay.
   */
  place(cameras: readonly AssignableCamera[], live: readonly LiveRelay[], changed: boolean): number {
    let moved = 0;
    for (const camera of cameras) {
      const target = camera.ingest && camera.scope_path && camera.stream_url ? relayFor(camera, live) : undefined;
      const current = this.upserts.get(camera.id) ?? (this.deletes.has(camera.id) ? null : camera.relay_id);
      if (target === current) {
        if (changed && current) this.tell(current, camera.id);
        continue;
      }
      moved += 1;
      if (current) this.tell(current, camera.id);
      if (target) {
        this.upserts.set(camera.id, target);
        this.deletes.delete(camera.id);
        this.tell(target, camera.id);
      } else {
        this.upserts.delete(camera.id);
        this.deletes.add(camera.id);
      }
    }
    return moved;
  }

  async flush(): Promise<void> {
    const upserts = [...this.upserts].map(([camera_id, relay_id]) => ({ camera_id, relay_id }));
    for (const rows of chunks(upserts)) await this.trx('camera_assignments').insert(rows).onConflict('camera_id').merge(['relay_id']);
    for (const ids of chunks([...this.deletes])) await this.trx('camera_assignments').whereIn('camera_id', ids).delete();
    for (const rows of chunks(this.changes)) await this.trx('relay_assignment_changes').insert(rows);
  }

  private tell(relayId: string, cameraId: string): void {
    const key = `${relayId}\u0000${cameraId}`;
    if (this.silent.has(relayId) || this.told.has(key)) return;
    this.told.add(key);
    this.changes.push({ relay_id: relayId, camera_id: cameraId });
  }
}

function relayFor(camera: AssignableCamera, live: readonly LiveRelay[]): string | undefined {
  return relayForIngest(
    { id: camera.id, scopePath: camera.scope_path!, gbRelayId: camera.gb_relay_id, gb: parseGbCameraUrl(camera.stream_url!) !== null },
    live,
  )?.id;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += WRITE_CHUNK) out.push(items.slice(index, index + WRITE_CHUNK));
  return out;
}
