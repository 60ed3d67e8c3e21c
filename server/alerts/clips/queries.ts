// The alert_clips rows: enrolling alerts that need a clip, claiming due ones under a lease (one process per
// clip, SKIP LOCKED), finishing a claimed one, and what the clips take.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { DomainContext } from '../../context';
import { whereWithin } from '../../db/scope';
import { runInTransaction } from '../../db/unit-of-work';
import { systemActor } from '../../policy/actor';
import { alertEventPayload } from '../presenters';
import { getAlert } from '../queries';

export const CLIP_STATUSES = ['pending', 'ready', 'failed', 'unavailable'] as const;
export type ClipStatus = (typeof CLIP_STATUSES)[number];

/** Wait this long after a window ends before cutting: the relay's segment writer flushes in chunks. */
export const FLUSH_SLACK_MS = 10_000;
const ENROL_BATCH = 200;

export interface ClaimedClip {
  alert_id: string;
  camera_id: string | null;
  window_from: Date;
  window_to: Date;
  tries: number;
  claim_id: string;
}

/**
 * Gives every recent alert on a camera that has no clip row one, its window fixed by the settings in force at
 * its node. Alerts older than the recordings' retention get none: nothing could be cut for them.
 */
export async function enrolAlerts(ctx: DomainContext): Promise<number> {
  const now = ctx.now();
  const since = new Date(now.getTime() - ctx.config.retentionDays * 86_400_000);
  const alerts = (await ctx
    .db('alerts as a')
    .leftJoin('alert_clips as c', 'c.alert_id', 'a.id')
    .whereNotNull('a.camera_id')
    .whereNull('c.alert_id')
    .where('a.first_seen_at', '>=', since)
    .orderBy('a.first_seen_at')
    .limit(ENROL_BATCH)
    .select('a.id', 'a.scope_path', 'a.first_seen_at')) as Array<{ id: string; scope_path: string; first_seen_at: Date }>;
  if (alerts.length === 0) return 0;
  const rows = [];
  for (const alert of alerts) {
    const before = await ctx.settings.get(ctx.db, alert.scope_path, 'alerts.clipSecondsBefore');
    const after = await ctx.settings.get(ctx.db, alert.scope_path, 'alerts.clipSecondsAfter');
    const seen = alert.first_seen_at.getTime();
    const to = new Date(seen + after * 1000);
    rows.push({
      alert_id: alert.id,
      window_from: new Date(seen - before * 1000),
      window_to: to,
      next_try_at: new Date(to.getTime() + FLUSH_SLACK_MS),
    });
  }
  // Another process may enrol the same alert at the same moment: the first row stands.
  await ctx.db('alert_clips').insert(rows).onConflict('alert_id').ignore();
  return rows.length;
}

/** Claims up to `limit` due pending clips for `leaseMs`; a claim whose lease ran out may be taken again. */
export async function claimDueClips(ctx: DomainContext, limit: number, leaseMs: number): Promise<ClaimedClip[]> {
  const now = ctx.now();
  const claimId = randomUUID();
  const due = ctx
    .db('alert_clips')
    .where('status', 'pending')
    .where('next_try_at', '<=', now)
    .where((q) => q.whereNull('claimed_until').orWhere('claimed_until', '<', now))
    .orderBy('next_try_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .select('alert_id');
  const claimed = (await ctx
    .db('alert_clips')
    .whereIn('alert_id', due)
    .update({ claim_id: claimId, claimed_until: new Date(now.getTime() + leaseMs), tries: ctx.db.raw('tries + 1'), updated_at: now })
    .returning(['alert_id', 'window_from', 'window_to', 'tries', 'claim_id'])) as Array<Omit<ClaimedClip, 'camera_id'>>;
  if (claimed.length === 0) return [];
  const cameras = new Map(
    (
      (await ctx
        .db('alerts')
        .whereIn(
          'id',
          claimed.map((row) => row.alert_id),
        )
        .select('id', 'camera_id')) as Array<{ id: string; camera_id: string | null }>
    ).map((row) => [row.id, row.camera_id]),
  );
  return claimed.map((row) => ({ ...row, camera_id: cameras.get(row.alert_id) ?? null }));
}

export type ClipOutcome =
  | { status: 'ready'; storageKey: string; bytes: number; seconds: number }
  | { status: 'failed' | 'unavailable'; error: string }
  | { status: 'pending'; error: string; retryAt: Date };

/**
 * Records what became of a claimed clip; false when the claim was lost (its lease ran out and another took it).
 * A clip cut, or given up on, is announced as `alert.clip_updated` with the alert, so an open detail shows it.
 */
export async function finishClip(ctx: DomainContext, clip: ClaimedClip, outcome: ClipOutcome): Promise<boolean> {
  const common = { claim_id: null, claimed_until: null, updated_at: ctx.now() };
  const fields =
    outcome.status === 'ready'
      ? { status: 'ready', storage_key: outcome.storageKey, bytes: outcome.bytes, seconds: outcome.seconds, error: null }
      : outcome.status === 'pending'
        ? { status: 'pending', error: outcome.error, next_try_at: outcome.retryAt }
        : { status: outcome.status, error: outcome.error };
  return runInTransaction(ctx, { actor: systemActor('alert-clips') }, async (uow) => {
    const updated = await uow
      .trx('alert_clips')
      .where({ alert_id: clip.alert_id, claim_id: clip.claim_id })
      .update({ ...fields, ...common });
    if (updated !== 1) return false;
    const alert = outcome.status === 'pending' ? undefined : await getAlert(uow.trx, clip.alert_id);
    if (alert) {
      uow.emit({
        type: 'alert.clip_updated',
        subject: { type: 'alert', id: alert.id },
        scopePaths: [alert.scope_path],
        payload: alertEventPayload(alert),
      });
    }
    return true;
  });
}

export interface ClipUsage {
  /** Ready clips and their bytes. */
  count: number;
  bytes: number;
  /** Clips still to be cut. */
  pending: number;
}

/** What the clips take, all of them or those of alerts under a node. */
export async function clipUsage(db: Knex, scopePath?: string): Promise<ClipUsage> {
  const query = db('alert_clips as c').select(
    db.raw("count(*) filter (where c.status = 'ready')::int as count"),
    db.raw("coalesce(sum(c.bytes) filter (where c.status = 'ready'), 0)::bigint as bytes"),
    db.raw("count(*) filter (where c.status = 'pending')::int as pending"),
  );
  if (scopePath) whereWithin(query.join('alerts as a', 'a.id', 'c.alert_id'), 'a.scope_path', scopePath);
  const row = (await query.first()) as { count: number; bytes: string | number; pending: number };
  return { count: row.count, bytes: Number(row.bytes), pending: row.pending };
}

export async function readyClip(db: Knex, alertId: string): Promise<{ storage_key: string; bytes: number } | undefined> {
  const row = (await db('alert_clips').where({ alert_id: alertId, status: 'ready' }).first('storage_key', 'bytes')) as
    { storage_key: string; bytes: string | number } | undefined;
  return row && { storage_key: row.storage_key, bytes: Number(row.bytes) };
}
