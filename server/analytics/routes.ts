// Transport for analytics: the violation catalogue, per-camera detection rules, worker registration and the
// labelled data set export.
import type { AnyRoute } from '../http/define-route';

export function analyticsRoutes(): AnyRoute[] {
  return [];
}
