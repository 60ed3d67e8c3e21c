// Who is acting: a logged-in user, a service account (relay, analytics), or the public. Every actor but the
// public is bound to one node of the jurisdiction tree and sees only what lies under it.
export type Level = 'province' | 'city' | 'county' | 'school';
export const LEVELS: readonly Level[] = ['province', 'city', 'county', 'school'];

export interface ScopeNode {
  id: string;
  code: string;
  level: Level;
  name: string;
  /** Materialized path of codes, e.g. `/130000/130800/130822/`; a descendant's path starts with it. */
  path: string;
}

export const USER_ROLES = [
  'province_admin',
  'province_operator',
  'city_admin',
  'city_operator',
  'county_operator',
  'school_manager',
] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const SERVICE_KINDS = ['relay', 'analytics'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export interface UserActor {
  kind: 'user';
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  node: ScopeNode;
  sessionId: string;
}

export interface ServiceActor {
  kind: 'service';
  id: string;
  name: string;
  service: ServiceKind;
  node: ScopeNode;
}

export interface PublicActor {
  kind: 'public';
}

/** The system itself (CLI commands, scheduled jobs): never resolved from a request. */
export interface SystemActor {
  kind: 'system';
  name: string;
}

export type Actor = UserActor | ServiceActor | PublicActor | SystemActor;
export type ScopedActor = UserActor | ServiceActor;

export const PUBLIC: PublicActor = Object.freeze({ kind: 'public' });
export const systemActor = (name: string): SystemActor => ({ kind: 'system', name });

/** Who did something, for the audit log and events. */
export interface Caller {
  actor: Actor;
  ip?: string | undefined;
}

/** The codes on a materialized path, root first: `/130000/130800/` → ['130000', '130800']. */
export function codesOfPath(path: string): string[] {
  return path.split('/').filter((code) => code.length > 0);
}

export function isWithin(path: string, scopePath: string): boolean {
  return path.startsWith(scopePath);
}

/**
 * Who an actor at this node listens to in the event log: events of its own node (which carry every ancestor
 * too) and events addressed to everyone below one of its ancestors, e.g. a city's new setting.
 */
export function audienceOf(node: Pick<ScopeNode, 'code' | 'path'>): string[] {
  return [node.code, ...codesOfPath(node.path).map((code) => `down:${code}`)];
}
