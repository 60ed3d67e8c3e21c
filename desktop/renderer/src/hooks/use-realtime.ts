// Views read the shared socket through these hooks: its connection state, and the events of given types.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { EventMessage } from '../api/types';
import type { RealtimeSnapshot } from '../realtime/realtime-client';
import { realtime } from '../realtime/realtime';

export function useRealtimeState(): RealtimeSnapshot {
  return useSyncExternalStore(realtime.subscribe, realtime.getSnapshot);
}

/**
 * Calls `handler` with each batch of events whose type starts with one of `prefixes` (e.g. 'task.', 'alert.').
 * The latest handler is used without resubscribing.
 */
export function useEvents(prefixes: readonly string[], handler: (events: EventMessage[]) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  const key = prefixes.join('|');
  useEffect(() => {
    const wanted = key.split('|');
    return realtime.onEvents((events) => {
      const mine = events.filter((event) => wanted.some((prefix) => event.type.startsWith(prefix)));
      if (mine.length > 0) latest.current(mine);
    });
  }, [key]);
}
