// What an alert is about — a camera with its canteen, school and county and their names — looked up once and
// kept, since cameras post again and again. Changes to cameras or schools (camera.updated, school.updated,
// from any process) empty the cache.
import type { EventType } from '../realtime/event-catalogue';

export interface AlertTarget {
  school_id: string;
  school_name: string;
  county_code: string;
  county_name: string;
  canteen_id: string | null;
  canteen_name: string | null;
  camera_id: string | null;
  camera_name: string | null;
  scope_path: string;
}

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 50_000;
export const TARGET_EVENTS: ReadonlySet<string> = new Set<EventType>(['camera.updated', 'school.updated']);

export class TargetCache {
  private readonly entries = new Map<string, { target: AlertTarget; expires: number }>();

  get(key: string): AlertTarget | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.expires < Date.now()) return undefined;
    return entry.target;
  }

  set(key: string, target: AlertTarget): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { target, expires: Date.now() + TTL_MS });
  }

  clear(): void {
    this.entries.clear();
  }
}
