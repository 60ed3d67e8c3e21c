// A GET under /api whose result stays current: refetched when events with the given type prefixes arrive
// (coalesced over a short window, so a burst of 100 alerts is one refetch), after a reconnect, and after a
// resync.
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { api, type Query } from '../api/client';
import type { EventTopic } from '../api/types';
import { useEvents, useRealtimeState } from './use-realtime';

export interface LiveQueryOptions {
  /** Event type prefixes that make this data stale, e.g. ['task.', 'alert.']. */
  refreshOn?: readonly EventTopic[];
  enabled?: boolean;
  /** Also refetch on this interval (ms), for figures no event announces. */
  intervalMs?: number;
}

const COALESCE_MS = 400;

export function useLiveQuery<T>(path: string, query?: Query, options: LiveQueryOptions = {}): UseQueryResult<T> {
  const client = useQueryClient();
  const key = [path, query ?? {}] as const;
  const result = useQuery<T>({
    queryKey: key,
    queryFn: () => api.get<T>(path, query),
    enabled: options.enabled ?? true,
    refetchInterval: options.intervalMs ?? false,
  });
  // The latest key, so the event and reconnect handlers below refetch what is shown now.
  const latestKey = useRef<readonly unknown[]>(key);
  latestKey.current = key;
  const refresh = useCallback(() => void client.invalidateQueries({ queryKey: latestKey.current, exact: true }), [client]);

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEvents(options.refreshOn ?? [], () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      refresh();
    }, COALESCE_MS);
  });
  useEffect(() => () => clearTimeout(timer.current ?? undefined), []);
  const { state, resyncs } = useRealtimeState();
  const wasLive = useRef(state === 'live');
  useEffect(() => {
    if (state === 'live' && !wasLive.current) refresh();
    wasLive.current = state === 'live';
  }, [state, refresh]);
  useEffect(() => {
    if (resyncs > 0) refresh();
  }, [resyncs, refresh]);
  return result;
}
