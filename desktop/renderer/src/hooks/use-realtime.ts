// Views read the shared socket through these hooks: its connection state, and the events of given types.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { EventMessage, EventTopic } from '../api/types';
import type { RealtimeSnapshot } from '../realtime/realtime-client';
import { realtime } from '../realtime/realtime';

export function useRealtimeState(): RealtimeSnapshot {
  return useSyncExternalStore(realtime.subscribe, realtime.getSnapshot);
}

/**
 * Calls `handler` with each batch of events of the given types, or whose type starts with one of the given
 * domains (e.g. 'task.', 'alert.'): names of the server's event catalogue, so a topic nobody emits does not compile.
 * The latest handler is used without resubscribing.
 */
export function useEvents(prefixes: readonly EventTopic[], handler: (events: EventMessage[]) => void): void {
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
