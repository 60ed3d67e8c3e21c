// Schools in scope matching a search (a county has hundreds), for choosing one: where a task goes, or whose
// calendar to keep.
import type { SchoolPage } from '../api/types';
import { useDebounced } from './use-debounced';
import { useLiveQuery } from './use-live-query';

export function useSchoolSearch(filter: { county?: string | undefined; q: string; type?: string | undefined }, enabled = true) {
  const q = useDebounced(filter.q.trim());
  return useLiveQuery<SchoolPage>('/api/schools', { county: filter.county, type: filter.type, q, pageSize: 50 }, { enabled });
}
