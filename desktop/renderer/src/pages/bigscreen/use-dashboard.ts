// The big screen's data, each piece kept current by the events that change it. A minute's interval on the
// day-based figures rolls "today" over at midnight even when nothing happens. `node` is the node drilled into
// (a province user's city); null: the user's own.
import type {
  AlertPage,
  BoundaryCollection,
  CanteenRiskPage,
  DashboardCanteens,
  DashboardChildren,
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

type Node = string | null;

export const useSummary = (node: Node) =>
  useLiveQuery<DashboardSummary>(
    '/api/dashboard/summary',
    { county: node },
    { refreshOn: [ALERTS, TASKS, PATROL, CAMERAS], intervalMs: MINUTE },
  );

export const useTrend = (node: Node) =>
  useLiveQuery<DashboardTrend>('/api/dashboard/trend', { county: node }, { refreshOn: [ALERTS, TASKS], intervalMs: MINUTE });

export const useCounties = (node: Node, enabled: boolean) =>
  useLiveQuery<DashboardCounties>(
    '/api/dashboard/counties',
    { county: node },
    { refreshOn: [ALERTS, TASKS, PATROL, CAMERAS, RISK], intervalMs: MINUTE, enabled },
  );

/** A province's cities with their figures (the province's own screen ranks and maps these, not counties). */
export const useChildren = (node: Node, enabled: boolean) =>
  useLiveQuery<DashboardChildren>(
    '/api/dashboard/children',
    { node },
    { refreshOn: [ALERTS, TASKS, PATROL, CAMERAS, RISK], intervalMs: MINUTE, enabled },
  );

/** Canteen points of the drilled area only: a province's screen never loads all of its canteens at once. */
export const useCanteenPoints = (node: Node, enabled: boolean) =>
  useLiveQuery<DashboardCanteens>('/api/dashboard/canteens', { county: node }, { refreshOn: [RISK], enabled });

export const useHeatmap = (node: Node) => useLiveQuery<Heatmap>('/api/risk/heatmap', { county: node }, { refreshOn: [ALERTS] });

/** The outlines the map of the node draws: its own and its children's. */
export const useAreas = (node: Node) => useLiveQuery<BoundaryCollection>('/api/dashboard/areas', { node });

/** The newest alerts of the whole jurisdiction, or of the county the map is zoomed to. */
export const useAlertFeed = (county: string | null) =>
  useLiveQuery<AlertPage>('/api/alerts', { pageSize: FEED_SIZE, county }, { refreshOn: [ALERTS] });

export const useCanteenRanking = (enabled: boolean) =>
  useLiveQuery<CanteenRiskPage>('/api/risk/canteens', { pageSize: CANTEEN_RANKING_SIZE }, { refreshOn: [RISK], enabled });
