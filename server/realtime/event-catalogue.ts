// Every event the system announces, with the shape of its payload: the server's unit of work emits only these
// and the renderer listens only for these (as immich's EventMap / ClientEventMap), so an event emitted with
// the wrong shape, or listened for under a name nobody emits, fails the type check; event-catalogue.test.ts
// checks that each one here is emitted somewhere.
import type { presentAlert } from '../alerts/presenters';
import type { SystemAlertCategory } from '../alerts/categories';
import type { taskEventPayload } from '../tasks/timeline';

type AlertPayload = ReturnType<typeof presentAlert>;
type TaskPayload = ReturnType<typeof taskEventPayload>;
type GradeCounts = Record<'A' | 'B' | 'C' | 'D', number>;

interface SystemAlertPayload {
  category: SystemAlertCategory;
  categoryName: string;
  severity: string;
  relayId: string;
  freeBytes: number | null;
  minFreeBytes: number;
  resumeFreeBytes: number;
  pausedSince: string | null;
  at: string;
}

export interface EventMap {
  'alert.raised': AlertPayload;
  /** More of the same joined the alert (count, last seen, newest evidence). */
  'alert.updated': AlertPayload;
  'alert.confirmed': AlertPayload;
  'alert.dismissed': AlertPayload;
  /** A confirmed alert was handed to a task. */
  'alert.linked': AlertPayload;
  /** Its cause went away by itself (a camera back online). */
  'alert.resolved': AlertPayload;
  'alert.reopened': AlertPayload;
  /** Its evidence clip was cut (or could not be). */
  'alert.clip_updated': AlertPayload;
  'alert.acknowledged': { alertId: string; userId: string; userName: string; acknowledgedAt: string };

  'task.dispatched': TaskPayload;
  'task.accepted': TaskPayload;
  'task.forwarded': TaskPayload;
  'task.submitted': TaskPayload;
  'task.closed': TaskPayload;
  'task.returned': TaskPayload;
  'task.cancelled': TaskPayload;
  'task.reminded': TaskPayload;
  'task.commented': TaskPayload;
  'task.due_soon': TaskPayload;
  'task.overdue': TaskPayload;

  'complaint.received': { id: string; category: string; schoolId: string };
  'complaint.dispatched': { id: string; taskId: string };
  'complaint.closed': { id: string; founded: boolean; taskId: string | null };

  'camera.status_changed': { status: string; previous: string; at: string };
  'camera.updated': { changes: Record<string, unknown>; streamChanged: boolean; version?: number };
  'camera.analytics_updated': { source: 'camera' | 'default'; version: number; categories: readonly string[] | null };
  'school.updated': { changes: Record<string, unknown>; version: number };

  /** A GB/T 28181 device registered for the first time, went on- or offline, or sent its catalog. */
  'gb.device_updated': { deviceId: string; online: boolean; channels: number };
  /** A device's channel was bound to a camera (cameraId) or unbound (null). */
  'gb.channel_bound': { deviceId: string; channelId: string; cameraId: string | null };

  'ledger.recorded': { id: string; schoolId: string; kind: string; entryDate?: string };
  'ledger.register_changed': { id: string; schoolId: string; register: string };
  'ledger.emergency_reported': {
    id: string;
    schoolId: string;
    schoolName: string;
    county: { code: string; name: string };
    type: string;
    affected: number;
    occurredAt: string;
    description: string;
    measures: string | null | undefined;
  };

  'patrol.recorded': { id: string; canteenId: string; schoolId: string; result: 'passed' | 'failed'; failedCount: number };
  'patrol.plan_created': { id: string; date: string; target: number };

  'risk.updated': { county: { code: string; name: string }; day: string; counts: GradeCounts; changed: string[] };
  'settings.updated': { key: string; node?: string; value: unknown };
  'bulletin.progress': { id: string; period: string; status: string; progress: number };

  'system_alert.raised': SystemAlertPayload;
  'system_alert.resolved': SystemAlertPayload;
}

export type EventType = keyof EventMap;
export type TaskEventType = Extract<EventType, `task.${string}`>;

/** The part before the dot: what a listener may ask for as a prefix ('task.' hears every task event). */
export type EventDomain = EventType extends `${infer Domain}.${string}` ? Domain : never;
export type EventTopic = EventType | `${EventDomain}.`;

/** An event as a command hands it to its unit of work: its type decides its payload's shape. */
export type PendingEvent<T extends EventType = EventType> = {
  [K in T]: {
    type: K;
    subject: { type: string; id: string };
    /** Scope paths the event belongs to (e.g. the school's path); every ancestor sees it too. */
    scopePaths: string[];
    /** Also tell everyone below these paths (e.g. a city's setting that applies to its schools). */
    downTo?: string[];
    /** Who did it, when a unit of work carries the actions of several callers (a batch); else its caller. */
    actorId?: string | null;
    payload: EventMap[K];
  };
}[T];

/** Every type, for the test that each is emitted and for tools that list them. */
export const EVENT_TYPES = [
  'alert.raised',
  'alert.updated',
  'alert.confirmed',
  'alert.dismissed',
  'alert.linked',
  'alert.resolved',
  'alert.reopened',
  'alert.clip_updated',
  'alert.acknowledged',
  'task.dispatched',
  'task.accepted',
  'task.forwarded',
  'task.submitted',
  'task.closed',
  'task.returned',
  'task.cancelled',
  'task.reminded',
  'task.commented',
  'task.due_soon',
  'task.overdue',
  'complaint.received',
  'complaint.dispatched',
  'complaint.closed',
  'camera.status_changed',
  'camera.updated',
  'camera.analytics_updated',
  'school.updated',
  'gb.device_updated',
  'gb.channel_bound',
  'ledger.recorded',
  'ledger.register_changed',
  'ledger.emergency_reported',
  'patrol.recorded',
  'patrol.plan_created',
  'risk.updated',
  'settings.updated',
  'bulletin.progress',
  'system_alert.raised',
  'system_alert.resolved',
] as const satisfies readonly EventType[];

// Each key of EventMap is listed above (the compiler refuses this line otherwise).
const everyTypeListed: Exclude<EventType, (typeof EVENT_TYPES)[number]> extends never ? true : never = true;
void everyTypeListed;
