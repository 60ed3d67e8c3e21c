// Reads for authentication: users, sessions and service tokens with the jurisdiction node they are bound to.
import type { Knex } from 'knex';
import { paginate } from '../db/paginate';
import { whereWithin } from '../db/scope';
import type { Page } from '../http/paging';
import type { Level, ScopeNode, ServiceActor, ServiceKind, UserActor, UserRole } from '../policy/actor';
import { FORGET_AFTER_MS, normalizeUsername } from './login-throttle';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: UserRole;
  jurisdiction_id: string;
  disabled_at: Date | null;
}

const nodeColumns = ['j.id as node_id', 'j.code as node_code', 'j.level as node_level', 'j.name as node_name', 'j.path as node_path'];

interface NodeColumns {
  node_id: string;
  node_code: string;
  node_level: Level;
  node_name: string;
  node_path: string;
}

const toNode = (row: NodeColumns): ScopeNode => ({
  id: row.node_id,
  code: row.node_code,
  level: row.node_level,
  name: row.node_name,
  path: row.node_path,
});

export async function findUserByUsername(db: Knex, username: string): Promise<(UserRow & { node: ScopeNode }) | undefined> {
  const row = (await db('users as u')
    .join('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .where('u.username', normalizeUsername(username))
    .first('u.*', ...nodeColumns)) as (UserRow & NodeColumns) | undefined;
  return row ? { ...row, node: toNode(row) } : undefined;
}

/** A user and the node they are bound to, by id (the node an administrator's action on them is scoped by). */
export async function findUserById(db: Knex, id: string): Promise<{ id: string; username: string; node: ScopeNode } | undefined> {
  const row = (await db('users as u')
    .join('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .where('u.id', id)
    .first('u.id', 'u.username', ...nodeColumns)) as ({ id: string; username: string } & NodeColumns) | undefined;
  return row ? { id: row.id, username: row.username, node: toNode(row) } : undefined;
}

export interface ThrottledUserRow extends NodeColumns {
  id: string;
  username: string;
  display_name: string;
  role: UserRole;
  /** Failed logins on the name over the last day, from all addresses. */
  failures: number;
  /** Addresses it failed from. */
  addresses: number;
  last_failed_at: Date;
  /** The latest moment an attempt on the name is held back until, from some address or from all. */
  blocked_until: Date | null;
}

/** Accounts within a scope whose names have failed logins that are not yet forgotten, those held back first. */
export async function listThrottledUsers(
  db: Knex,
  input: { scopePath: string; now: Date; page: number; pageSize: number },
): Promise<Page<ThrottledUserRow>> {
  const perUser = whereWithin(
    db('login_throttles as t')
      .join('users as u', 'u.username', 't.username')
      .join('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
      .where('t.last_failed_at', '>', new Date(input.now.getTime() - FORGET_AFTER_MS))
      .where('t.failures', '>', 0),
    'j.path',
    input.scopePath,
  )
    .groupBy('u.id', 'j.id')
    .select('u.id', 'u.username', 'u.display_name', 'u.role', ...nodeColumns)
    .select(
      db.raw("coalesce(sum(t.failures) FILTER (WHERE t.address <> ''), 0)::int AS failures"),
      db.raw("count(*) FILTER (WHERE t.address <> '')::int AS addresses"),
      db.raw('max(t.last_failed_at) AS last_failed_at'),
      db.raw('max(t.blocked_until) FILTER (WHERE t.blocked_until > ?) AS blocked_until', [input.now]),
    );
  return paginate<ThrottledUserRow>(db.from(perUser.as('x')), input, (q) =>
    q.orderByRaw('x.blocked_until DESC NULLS LAST, x.last_failed_at DESC, x.username').select('x.*'),
  );
}

/** The user behind a live session token, or undefined if the session is unknown, expired or revoked. */
export async function findUserBySessionToken(
  db: Knex,
  tokenHash: string,
  now: Date,
): Promise<{ actor: UserActor; lastSeenAt: Date; expiresAt: Date; absoluteExpiresAt: Date } | undefined> {
  const row = (await db('sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .join('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .where('s.token_hash', tokenHash)
    .whereNull('s.revoked_at')
    .whereNull('u.disabled_at')
    .where('s.expires_at', '>', now)
    .where('s.absolute_expires_at', '>', now)
    .first(
      's.id as session_id',
      's.last_seen_at',
      's.expires_at',
      's.absolute_expires_at',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      ...nodeColumns,
    )) as
    | (NodeColumns & {
        session_id: string;
        last_seen_at: Date;
        expires_at: Date;
        absolute_expires_at: Date;
        id: string;
        username: string;
        display_name: string;
        role: UserRole;
      })
    | undefined;
  if (!row) return undefined;
  return {
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    absoluteExpiresAt: row.absolute_expires_at,
    actor: {
      kind: 'user',
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      node: toNode(row),
      sessionId: row.session_id,
    },
  };
}

export async function findServiceByToken(
  db: Knex,
  tokenHash: string,
): Promise<{ actor: ServiceActor; lastUsedAt: Date | null } | undefined> {
  const row = (await db('service_tokens as t')
    .join('jurisdictions as j', 'j.id', 't.jurisdiction_id')
    .where('t.token_hash', tokenHash)
    .whereNull('t.revoked_at')
    .first('t.id', 't.name', 't.kind', 't.last_used_at', ...nodeColumns)) as
    (NodeColumns & { id: string; name: string; kind: ServiceKind; last_used_at: Date | null }) | undefined;
  if (!row) return undefined;
  return {
    lastUsedAt: row.last_used_at,
    actor: { kind: 'service', id: row.id, name: row.name, service: row.kind, node: toNode(row) },
  };
}
