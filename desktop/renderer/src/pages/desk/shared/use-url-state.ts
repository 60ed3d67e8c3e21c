// The desk's state lives in the URL (#/desk?tab=…&state=…&task=…), so other pages can link straight to a
// filtered list or an open task, and a reload keeps what the operator was looking at.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export const DESK_TABS = ['tasks', 'alerts', 'create', 'bulk'] as const;
export type DeskTab = (typeof DESK_TABS)[number];

export type UrlChanges = Record<string, string | number | null | undefined>;

export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const get = useCallback((key: string): string | undefined => params.get(key) ?? undefined, [params]);
  /** Sets (or, for empty values, removes) the given keys and keeps the others. */
  const update = useCallback(
    (changes: UrlChanges, options: { push?: boolean } = {}) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        { replace: !options.push },
      ),
    [setParams],
  );
  const tabValue = params.get('tab');
  const tab: DeskTab = DESK_TABS.includes(tabValue as DeskTab) ? (tabValue as DeskTab) : 'tasks';
  return { params, get, update, tab };
}
