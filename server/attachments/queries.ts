import type { Knex } from 'knex';
import { invalidInput } from '../errors';
import type { Caller } from '../policy/actor';

export interface AttachmentRow {
  id: string;
  scope_path: string;
  purpose: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  storage_key: string;
  thumb_key: string;
  original_name: string | null;
  created_at: Date;
}

export async function findAttachment(db: Knex, id: string): Promise<AttachmentRow | undefined> {
  return (await db('attachments').where({ id }).first('*')) as AttachmentRow | undefined;
}

/**
 * Checks that every attachment exists, that the caller may see it, and that it lies on the same branch of the
 * tree as each record it is attached to (at or below the record's node — a school's photo on the school's
 * task — or above it — a city's notice on a bulk task to schools), then marks them as in use. Runs inside
 * the record's transaction.
 */
export async function bindAttachments(
  trx: Knex.Transaction,
  ids: readonly string[],
  recordPaths: string | readonly string[],
  caller: Caller,
): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  const paths = typeof recordPaths === 'string' ? [recordPaths] : recordPaths;
  const visibleTo = caller.actor.kind === 'user' || caller.actor.kind === 'service' ? caller.actor.node.path : '/';
  const rows = (await trx('attachments').whereIn('id', unique).select('id', 'scope_path')) as Array<{ id: string; scope_path: string }>;
  const fits = (attachmentPath: string) =>
    attachmentPath.startsWith(visibleTo) && paths.every((path) => attachmentPath.startsWith(path) || path.startsWith(attachmentPath));
  const bad = unique.filter((id) => !rows.some((row) => row.id === id && fits(row.scope_path)));
  if (bad.length > 0) throw invalidInput('Unknown attachment, or one that belongs elsewhere', { attachments: bad });
  await trx('attachments').whereIn('id', unique).update({ bound: true });
}
