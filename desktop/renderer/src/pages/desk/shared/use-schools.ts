// Schools in scope matching a search, for choosing where a task goes (a county's own schools when forwarding).
import { useEffect, useState } from 'react';
import type { SchoolPage } from '../../../api/types';
import { useLiveQuery } from '../../../hooks/use-live-query';

/** The text after the operator pauses typing, so each keystroke is not a request. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function useSchoolSearch(filter: { county?: string | undefined; q: string; type?: string | undefined }, enabled = true) {
  const q = useDebounced(filter.q.trim());
  return useLiveQuery<SchoolPage>('/api/schools', { county: filter.county, type: filter.type, q, pageSize: 50 }, { enabled });
}
