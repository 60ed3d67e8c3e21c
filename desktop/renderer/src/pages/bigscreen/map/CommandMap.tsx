// The jurisdiction map: maplibre draws a fully local style (a background and the county polygons from our own
// API; no tiles, glyphs or sprites), deck.gl draws the alert heat and the canteens by risk grade, and HTML
// markers carry the county names with their camera online rate. Clicking a county zooms to it; clicking a
// canteen opens its card. What is drawn is kept on the element (data-counties, data-canteens, data-ready)
// for the people and tests that need to know the map is complete, and the frames drawn (data-frames).
import type { FeatureCollection, Geometry } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import MapView, { Layer, Marker, Source, type MapLayerMouseEvent, type MapRef, type StyleSpecification } from 'react-map-gl/maplibre';
import type { BoundaryCollection, DashboardCanteenPoint, DashboardCounty, Heatmap } from '../../../api/types';
import { formatPercent } from '../../../format/time';
import { CITY_OUTLINE, COUNTY_OUTLINE, MAP_BACKGROUND, ONLINE_FILL, SELECTED_OUTLINE } from './colors';
import { mapLayers } from './deck-layers';
import { DeckOverlay } from './DeckOverlay';
import { boundsOf, type Bounds } from './geo';

// Bundled maplibre cannot find its worker by itself: point it at the worker file the build emitted.
maplibregl.setWorkerUrl(workerUrl);

const SOURCE = 'jurisdictions';
const COUNTY_FILL = 'county-fill';
const FIT_PADDING = 48;
/** A click this close to a canteen's point (in CSS pixels) opens it. */
const HIT_RADIUS = 8;
/** Zoomed to a county, its panel takes the map's top-left corner: keep the county clear of it. */
const COUNTY_PADDING = { top: FIT_PADDING, bottom: FIT_PADDING, right: FIT_PADDING, left: 390 };

const BASE_STYLE: StyleSpecification = {
  version: 8,
  name: 'canteen-command-local',
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': MAP_BACKGROUND } }],
};

export interface CommandMapProps {
  boundaries: BoundaryCollection;
  counties: readonly DashboardCounty[];
  canteens: readonly DashboardCanteenPoint[];
  heat: Heatmap['points'];
  selectedCounty: string | null;
  selectedCanteen: DashboardCanteenPoint | null;
  onSelectCounty: (code: string | null) => void;
  onSelectCanteen: (id: string) => void;
  /** Called once the counties and the canteens have been drawn. */
  onReady?: () => void;
}

export function CommandMap(props: CommandMapProps) {
  const { boundaries, counties, canteens, heat, selectedCounty, selectedCanteen, onSelectCounty, onSelectCanteen, onReady } = props;
  const { t } = useTranslation('bigscreen');
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<MapRef>(null);
  const drawnCanteens = useRef(0);
  const [renderedCounties, setRenderedCounties] = useState(0);
  const [deckDrawn, setDeckDrawn] = useState(0);

  const rateOf = useMemo(() => new Map(counties.map((county) => [county.code, county.cameras.onlineRate])), [counties]);
  const shaded = useMemo<FeatureCollection>(
    () => ({
      ...boundaries,
      features: boundaries.features.map((feature) => ({
        ...feature,
        geometry: feature.geometry as Geometry,
        properties: { ...feature.properties, onlineRate: rateOf.get(feature.properties.code) ?? -1 },
      })),
    }),
    [boundaries, rateOf],
  );
  const countyFeatures = useMemo(() => boundaries.features.filter((feature) => feature.properties.level === 'county'), [boundaries]);
  const allBounds = useMemo<Bounds | null>(() => boundsOf(boundaries.features.map((feature) => feature.geometry)), [boundaries]);
  const boundsOfCounty = useCallback(
    (code: string) => boundsOf(countyFeatures.filter((feature) => feature.properties.code === code).map((feature) => feature.geometry)),
    [countyFeatures],
  );

  // Zoom to the chosen county, or back out to the whole jurisdiction.
  const fitted = useRef<string | null>(null);
  useEffect(() => {
    if (fitted.current === selectedCounty) return;
    fitted.current = selectedCounty;
    const target = selectedCounty ? boundsOfCounty(selectedCounty) : allBounds;
    if (target) map.current?.fitBounds(target, { padding: selectedCounty ? COUNTY_PADDING : FIT_PADDING, duration: 800 });
  }, [selectedCounty, boundsOfCounty, allBounds]);

  const layers = useMemo(() => mapLayers({ canteens, heat, selected: selectedCanteen }), [canteens, heat, selectedCanteen]);
  useEffect(() => {
    drawnCanteens.current = 0;
  }, [canteens]);
  const frames = useRef(0);
  const onAfterRender = useCallback(() => {
    // Frames deck.gl has drawn (it draws when the view or the data change), for the frame-rate benchmark.
    frames.current += 1;
    box.current?.setAttribute('data-frames', String(frames.current));
    // Data given as an array is drawn in the frame it arrives in: once a frame has run, the points are there.
    if (drawnCanteens.current === canteens.length) return;
    drawnCanteens.current = canteens.length;
    setDeckDrawn(canteens.length);
  }, [canteens.length]);

  const onIdle = useCallback(() => {
    const instance = map.current?.getMap();
    if (!instance?.getLayer(COUNTY_FILL)) return;
    const codes = new Set(instance.queryRenderedFeatures({ layers: [COUNTY_FILL] }).map((feature) => String(feature.properties.code)));
    setRenderedCounties(codes.size);
  }, []);

  const ready = renderedCounties > 0 && (canteens.length === 0 || deckDrawn === canteens.length);
  const announced = useRef(false);
  useEffect(() => {
    if (!ready || announced.current) return;
    announced.current = true;
    onReady?.();
  }, [ready, onReady]);

  // Canteens are found under the pointer by projecting their points, not by deck.gl's GPU picking: picking
  // reads pixels back from the GPU on every pointer move, which stalls a software renderer for frames at a time.
  const canteenAt = useCallback(
    (x: number, y: number): DashboardCanteenPoint | undefined => {
      const instance = map.current?.getMap();
      if (!instance) return undefined;
      let nearest: DashboardCanteenPoint | undefined;
      let nearestDistance = HIT_RADIUS * HIT_RADIUS;
      for (const canteen of canteens) {
        const point = instance.project([canteen.lng, canteen.lat]);
        const distance = (point.x - x) ** 2 + (point.y - y) ** 2;
        if (distance <= nearestDistance) {
          nearest = canteen;
          nearestDistance = distance;
        }
      }
      return nearest;
    },
    [canteens],
  );
  const onClick = useCallback(
    (event: MapLayerMouseEvent) => {
      const canteen = canteenAt(event.point.x, event.point.y);
      if (canteen) return onSelectCanteen(canteen.id);
      const county = event.features?.find((feature) => feature.layer.id === COUNTY_FILL);
      if (county) onSelectCounty(String(county.properties.code));
    },
    [canteenAt, onSelectCanteen, onSelectCounty],
  );

  return (
    <div
      ref={box}
      className="bs-map"
      role="region"
      aria-label={t('mapLabel')}
      data-testid="bigscreen-map"
      data-counties={renderedCounties}
      data-canteens={deckDrawn}
      data-heat-points={heat.length}
      data-selected-county={selectedCounty ?? ''}
      data-ready={ready ? '1' : '0'}
    >
      <MapView
        ref={map}
        mapLib={maplibregl}
        mapStyle={BASE_STYLE}
        initialViewState={
          allBounds ? { bounds: allBounds, fitBoundsOptions: { padding: FIT_PADDING } } : { longitude: 117.9, latitude: 41.5, zoom: 7 }
        }
        attributionControl={false}
        dragRotate={false}
        pitchWithRotate={false}
        touchPitch={false}
        renderWorldCopies={false}
        minZoom={4}
        maxZoom={16}
        interactiveLayerIds={[COUNTY_FILL]}
        onClick={onClick}
        onIdle={onIdle}
        style={{ position: 'absolute', inset: 0 }}
      >
        <Source id={SOURCE} type="geojson" data={shaded}>
          <Layer
            id={COUNTY_FILL}
            type="fill"
            filter={['==', ['get', 'level'], 'county']}
            paint={{
              'fill-color': [
                'case',
                ['<', ['get', 'onlineRate'], 0],
                ONLINE_FILL[0],
                ['interpolate', ['linear'], ['get', 'onlineRate'], 0, ONLINE_FILL[0], 0.5, ONLINE_FILL[1], 1, ONLINE_FILL[2]],
              ],
              'fill-opacity': 0.95,
            }}
          />
          <Layer
            id="county-outline"
            type="line"
            filter={['==', ['get', 'level'], 'county']}
            paint={{ 'line-color': COUNTY_OUTLINE, 'line-width': 2 }}
          />
          <Layer
            id="county-selected"
            type="line"
            filter={['all', ['==', ['get', 'level'], 'county'], ['==', ['get', 'code'], selectedCounty ?? '']]}
            paint={{ 'line-color': SELECTED_OUTLINE, 'line-width': 4 }}
          />
          <Layer
            id="city-outline"
            type="line"
            filter={['==', ['get', 'level'], 'city']}
            paint={{ 'line-color': CITY_OUTLINE, 'line-width': 3 }}
          />
        </Source>
        <DeckOverlay layers={layers} onAfterRender={onAfterRender} />
        {counties.map((county) =>
          county.center ? (
            <Marker key={county.code} longitude={county.center.lng} latitude={county.center.lat} anchor="center">
              <button
                type="button"
                className={`bs-county-label${selectedCounty === county.code ? ' selected' : ''}`}
                data-county={county.code}
                onClick={(event) => {
                  event.stopPropagation();
                  onSelectCounty(county.code);
                }}
              >
                <span className="bs-county-name">{county.name}</span>
                <span className="bs-county-rate">{t('county.online', { rate: formatPercent(county.cameras.onlineRate, 0) })}</span>
              </button>
            </Marker>
          ) : null,
        )}
      </MapView>
    </div>
  );
}
