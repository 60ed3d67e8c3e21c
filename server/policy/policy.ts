// The one place that decides who may do what on which node. Every route names an action and the node it
// touches; `authorize` answers with nothing (allowed) or throws: 401 for the public on a protected action,
// 403 for a role that may never do it, 404 for a node outside the actor's scope (no hint that it exists).
import { DomainError, forbidden, notFound, unauthenticated } from '../errors';
import { isWithin, USER_ROLES, type Actor, type ScopedActor, type ScopeNode, type ServiceKind, type UserRole } from './actor';

type Principal = UserRole | `service:${ServiceKind}` | 'public';

const USERS: readonly Principal[] = USER_ROLES;
/** Administrators: a province's for every city of it, a city's for its own. */
export const ADMINS = ['province_admin', 'city_admin'] as const;
/** The command rooms above the counties: the province's and the cities'. */
export const COMMAND = [...ADMINS, 'province_operator', 'city_operator'] as const;
const SERVICES: readonly Principal[] = ['service:relay', 'service:analytics'];
const EVERYONE_SCOPED: readonly Principal[] = [...USERS, ...SERVICES];

/** Action → the principals that may perform it (always within their own scope unless marked public). */
const RULES = {
  'session.read': { who: USERS },
  'jurisdiction.read': { who: EVERYONE_SCOPED },
  'school.read': { who: EVERYONE_SCOPED },
  'school.update': { who: [...ADMINS, 'county_operator', 'school_manager'] },
  'camera.read': { who: EVERYONE_SCOPED },
  'camera.update': { who: ADMINS },
  /** Live video, snapshots, recordings and playback of a camera. */
  'camera.view': { who: EVERYONE_SCOPED },
  /** Keep a snapshot of a camera as an attachment (for an alert or a patrol record). */
  'camera.capture': { who: EVERYONE_SCOPED },
  /** A relay reports a camera's health. */
  'camera.report': { who: ['service:relay'] },
  'relay.heartbeat': { who: ['service:relay'] },
  /** GB/T 28181 devices (NVRs, IPCs) registered in the jurisdiction and their channels. */
  'gb.read': { who: [...COMMAND, 'county_operator'] },
  /** Bind a device's channel to a canteen's camera, or unbind it. */
  'gb.manage': { who: ADMINS },
  /** A relay's SIP server reports its devices' state, catalogs and alarms. */
  'gb.report': { who: ['service:relay'] },
  /** The violation catalogue and camera detection rules, read by operators and the detection workers. */
  'analytics.read': { who: [...USERS, 'service:analytics'] },
  'analytics.configure': { who: ADMINS },
  /** A detection worker's own business: its heartbeat, its cameras, the frames behind its alerts. */
  'analytics.report': { who: ['service:analytics'] },
  /** Confirmed and dismissed alerts as a labelled data set for training a custom detector. */
  'dataset.export': { who: ADMINS },
  'risk.read': { who: USERS },
  /** The school ledgers (台账): kept by the school, read by the county and the city. */
  'ledger.read': { who: USERS },
  'ledger.write': { who: ['school_manager'] },
  /** County and school assessment, and the periodic bulletins (通报) built from it. */
  'assessment.read': { who: [...COMMAND, 'county_operator'] },
  'bulletin.read': { who: [...COMMAND, 'county_operator'] },
  'bulletin.create': { who: [...COMMAND, 'county_operator'] },
  /** The command room's big screen: figures over a whole jurisdiction, for city and county staff. */
  'dashboard.read': { who: [...COMMAND, 'county_operator'] },
  'event.read': { who: EVERYONE_SCOPED },
  'audit.read': { who: ADMINS },
  /** See whose logins are held back after failed attempts, and lift the delay for a user in scope. */
  'login.unlock': { who: ADMINS },
  /** What the stream relays' recordings take, and whether they record (the storage view). */
  'storage.read': { who: ADMINS },
  'alert.read': { who: EVERYONE_SCOPED },
  'alert.create': { who: [...COMMAND, 'county_operator', 'service:relay', 'service:analytics'] },
  'alert.triage': { who: [...COMMAND, 'county_operator'] },
  /** Acknowledge (知悉) an alert for oneself, e.g. a school's emergency report on the command room's banner. */
  'alert.acknowledge': { who: [...COMMAND, 'county_operator'] },
  'task.read': { who: USERS },
  'task.dispatch': { who: [...COMMAND, 'county_operator'] },
  'task.act': { who: USERS },
  'checklist.read': { who: USERS },
  'checklist.manage': { who: ADMINS },
  'patrol.read': { who: [...COMMAND, 'county_operator'] },
  'patrol.perform': { who: [...COMMAND, 'county_operator'] },
  'complaint.read': { who: [...COMMAND, 'county_operator'] },
  'complaint.handle': { who: [...COMMAND, 'county_operator'] },
  'settings.read': { who: USERS },
  'settings.manage': { who: ADMINS },
  /** The school calendar (holidays, vacations, make-up days) of a city, a county or a school in scope. */
  'calendar.manage': { who: [...ADMINS, 'county_operator'] },
  'attachment.upload': { who: EVERYONE_SCOPED },
  'attachment.read': { who: EVERYONE_SCOPED },
  'public.read': { who: ['public', ...EVERYONE_SCOPED], public: true },
} as const satisfies Record<string, { who: readonly Principal[]; public?: boolean }>;

export type Action = keyof typeof RULES;
export const ACTIONS = Object.keys(RULES) as Action[];

export function principalOf(actor: Actor): Principal {
  if (actor.kind === 'user') return actor.role;
  if (actor.kind === 'service') return `service:${actor.service}`;
  // The public, and the system actor should it ever reach a route: the least privilege there is.
  return 'public';
}

export function isPublicAction(action: Action): boolean {
  return 'public' in RULES[action];
}

/** May this actor ever perform the action (before looking at any record)? */
export function canPerform(actor: Actor, action: Action): boolean {
  return (RULES[action].who as readonly Principal[]).includes(principalOf(actor));
}

/** Whether every logged-in role and service may perform the action (so no caller is ever refused with 403). */
export function canPerformAnywhere(action: Action): boolean {
  return EVERYONE_SCOPED.every((principal) => (RULES[action].who as readonly Principal[]).includes(principal));
}

/**
 * The first check of every request: throws 401 for an anonymous caller of a protected action and 403 for a
 * role that may not do it anywhere. Needs no database, so it runs before any record is loaded.
 */
export function assertMayPerform(actor: Actor, action: Action): void {
  if (canPerform(actor, action)) return;
  if (actor.kind === 'public' || actor.kind === 'system') throw unauthenticated();
  throw forbidden(`${principalOf(actor)} may not ${action}`);
}

/** The full decision: role, then scope. A node outside scope (or missing) is reported as not found. */
export function authorize(actor: Actor, action: Action, node: Pick<ScopeNode, 'path'> | null | undefined): void {
  assertMayPerform(actor, action);
  if (isPublicAction(action)) {
    if (!node) throw notFound();
    return;
  }
  if (!node || actor.kind === 'public' || actor.kind === 'system' || !isWithin(node.path, actor.node.path)) throw notFound();
}

/** The scope path a scoped actor's queries are restricted to. */
export function scopePathOf(actor: Actor): string {
  return requireScopedActor(actor).node.path;
}

export function requireScopedActor(actor: Actor): ScopedActor {
  if (actor.kind === 'public' || actor.kind === 'system') throw unauthenticated();
  return actor;
}

export function assertUser(actor: Actor): asserts actor is Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user') throw new DomainError('forbidden', 'forbidden', 'Only a logged-in user may do this');
}
