// The alert tab's filters as the URL carries them (status, county, school, camera, category, page) and as
// GET /api/alerts and GET /api/alerts/counts take them: the counts answer for the same place, camera and
// category as the list, across every status. No status in the URL means the alerts waiting for a decision.
import type { Query } from '../../../api/client';
import type { AlertCounts } from '../../../api/types';

export const ALERT_STATUSES = ['new', 'confirmed', 'dismissed', 'resolved'] as const;
export const ALERT_STATUS_TABS = [...ALERT_STATUSES, 'all'] as const;
export type AlertStatusTab = (typeof ALERT_STATUS_TABS)[number];
export const PAGE_SIZE = 50;

export interface AlertFilters {
  status: AlertStatusTab;
  county: string | undefined;
  school: string | undefined;
  camera: string | undefined;
  category: string | undefined;
  page: number;
}

export function readAlertFilters(get: (key: string) => string | undefined): AlertFilters {
  const status = get('status');
  const page = Number(get('page') ?? 1);
  return {
    status: ALERT_STATUS_TABS.includes(status as AlertStatusTab) ? (status as AlertStatusTab) : 'new',
    county: get('county'),
    school: get('school'),
    camera: get('camera'),
    category: get('category'),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** Where and what: the part of the filters the counts share with the list. */
export function toCountsQuery(filters: AlertFilters): Query {
  return { county: filters.county, school: filters.school, camera: filters.camera, category: filters.category };
}

export function toListQuery(filters: AlertFilters): Query {
  return {
    ...toCountsQuery(filters),
    status: filters.status === 'all' ? undefined : filters.status,
    page: filters.page,
    pageSize: PAGE_SIZE,
  };
}

export function countOf(counts: AlertCounts | undefined, tab: AlertStatusTab): number | undefined {
  if (!counts) return undefined;
  if (tab === 'all') return ALERT_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  return counts[tab];
}
