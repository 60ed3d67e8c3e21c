// The big screen's data, each piece kept current by the events that change it. A minute's interval on the
// day-based figures rolls "today" over at midnight even when nothing happens.
import type {
  AlertPage,
  BoundaryCollection,
  CanteenRiskPage,
  DashboardCanteens,
  DashboardCounties,
  DashboardSummary,
  DashboardTrend,
  Heatmap,
} from '../../api/types';
import { useLiveQuery } from '../../hooks/use-live-query';

const ALERTS = 'alert.';
const TASKS = 'task.';
const PATROL = 'patrol.';
const CAMERAS = 'camera.';
const RISK = 'risk.';
const MINUTE = 60_000;

export const FEED_SIZE = 12;
/** Canteens in the one-county ranking: the riskiest, a panel's worth. */
export const CANTEEN_RANKING_SIZE = 20;

export const useSummary = () =>
  useLiveQuery<DashboardSummary>('/api/dashboard/summary', undefined, { refreshOn: [ALERTS, TASKS, PATROL, CAMERAS], intervalMs: MINUTE });

export const useTrend = () =>
  useLiveQuery<DashboardTrend>('/api/dashboard/trend', undefined, { refreshOn: [ALERTS, TASKS], intervalMs: MINUTE });

export const useCounties = () =>
  useLiveQuery<DashboardCounties>('/api/dashboard/counties', undefined, {
    refreshOn: [ALERTS, TASKS, PATROL, CAMERAS, RISK],
    intervalMs: MINUTE,
  });

export const useCanteenPoints = () => useLiveQuery<DashboardCanteens>('/api/dashboard/canteens', undefined, { refreshOn: [RISK] });

export const useHeatmap = () => useLiveQuery<Heatmap>('/api/risk/heatmap', undefined, { refreshOn: [ALERTS] });

export const useBoundaries = () => useLiveQuery<BoundaryCollection>('/api/jurisdictions/boundaries');

/** The newest alerts of the whole jurisdiction, or of the county the map is zoomed to. */
export const useAlertFeed = (county: string | null) =>
  useLiveQuery<AlertPage>('/api/alerts', { pageSize: FEED_SIZE, county }, { refreshOn: [ALERTS] });

export const useCanteenRanking = (enabled: boolean) =>
  useLiveQuery<CanteenRiskPage>('/api/risk/canteens', { pageSize: CANTEEN_RANKING_SIZE }, { refreshOn: [RISK], enabled });
