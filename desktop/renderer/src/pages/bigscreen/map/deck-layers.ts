// The deck.gl layers of the big screen: alert heat underneath, canteens coloured by risk grade on top, and a
// ring around the canteen whose card is open. None is pickable (the map finds a clicked canteen itself).
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { DashboardCanteenPoint, Heatmap } from '../../../api/types';
import { gradeRgb, HEAT_RANGE } from './colors';

type HeatPoint = Heatmap['points'][number];

export function mapLayers(options: {
  canteens: readonly DashboardCanteenPoint[];
  heat: readonly HeatPoint[];
  selected: DashboardCanteenPoint | null;
}): Layer[] {
  const layers: Layer[] = [];
  if (options.heat.length > 0) {
    layers.push(
      new HeatmapLayer<HeatPoint>({
        id: 'alert-heat',
        data: options.heat,
        getPosition: (point) => [point.lng, point.lat],
        getWeight: (point) => point.count,
        radiusPixels: 45,
        intensity: 1.2,
        threshold: 0.05,
        colorRange: HEAT_RANGE,
        aggregation: 'SUM',
        opacity: 0.75,
      }),
    );
  }
  layers.push(
    new ScatterplotLayer<DashboardCanteenPoint>({
      id: 'canteens',
      data: options.canteens,
      getPosition: (point) => [point.lng, point.lat],
      getFillColor: (point) => gradeRgb(point.grade),
      getLineColor: [5, 11, 20],
      getRadius: 5,
      radiusUnits: 'pixels',
      radiusMinPixels: 4,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
    }),
  );
  if (options.selected) {
    layers.push(
      new ScatterplotLayer<DashboardCanteenPoint>({
        id: 'selected-canteen',
        data: [options.selected],
        getPosition: (point) => [point.lng, point.lat],
        getRadius: 12,
        radiusUnits: 'pixels',
        filled: false,
        stroked: true,
        getLineColor: [255, 255, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
      }),
    );
  }
  return layers;
}
