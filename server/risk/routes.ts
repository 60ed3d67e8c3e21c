// Transport for risk grading: grades per canteen, distributions per county, alert density for the heatmap.
import type { AnyRoute } from '../http/define-route';

export function riskRoutes(): AnyRoute[] {
  return [];
}
