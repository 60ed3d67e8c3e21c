// The jurisdiction map: maplibre draws a fully local style (a background and the area polygons from our own
// API; no tiles, glyphs or sprites), deck.gl draws the alert heat and the canteens by risk grade, and HTML
// markers carry the area names with their camera online rate, each at its county's visual centre and moved
// clear of the others where small districts crowd together (laid out again whenever the map settles or
// resizes; data-labels says how many were laid out last). The view is fitted clear of the legend and the
// county panel over the map, so neither covers a county. Clicking a county zooms to it; clicking a
// canteen opens its card. What is drawn is kept on the element (data-counties, data-canteens, data-ready,
// data-bounds: the longitudes and latitudes shown) for the people and tests that need to know the map is
// complete, and the frames drawn (data-frames). The areas are a city's counties, or at a province's own
// screen its cities: there each label carries the city's canteens and how many are graded C or D (the
// province's 17,000 canteens are not drawn as points), and clicking a city drills into it.
import type { FeatureCollection, Geometry } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import MapView, { Layer, Marker, Source, type MapLayerMouseEvent, type MapRef, type StyleSpecification } from 'react-map-gl/maplibre';
import type { BoundaryCollection, DashboardCanteenPoint, DashboardCounty, Heatmap } from '../../../api/types';

/** The level of the areas shaded, labelled and clickable: a city's counties or a province's cities. */
export type AreaLevel = 'city' | 'county';
import { formatPercent } from '../../../format/time';
import { CITY_OUTLINE, COUNTY_OUTLINE, MAP_BACKGROUND, ONLINE_FILL, SELECTED_OUTLINE } from './colors';
import { mapLayers } from './deck-layers';
import { DeckOverlay } from './DeckOverlay';
import { clearOfOverlays } from './clear-of-overlays';
import { boundsOf, type Bounds } from './geo';
import { layoutLabels, type LabelBox, type Rect } from './label-layout';
import { labelAnchor, polygonalSize } from './pole';

// Bundled maplibre cannot find its worker by itself: point it at the worker file the build emitted.
maplibregl.setWorkerUrl(workerUrl);

const SOURCE = 'jurisdictions';
const COUNTY_FILL = 'county-fill';
const FIT_PADDING = 48;
/** A click this close to a canteen's point (in CSS pixels) opens it. */
const HIT_RADIUS = 8;
/** Space kept between a fitted view and an overlay beside it. */
const OVERLAY_GAP = 12;
/** How far (CSS pixels) a label may be moved from its county's centre to stand clear of the others. */
const LABEL_REACH = 110;
/** Space kept between labels, and between a label and the map's edge, so each reads as its own. */
const LABEL_GAP = 6;
/** What lies over the map: the labels and the fitted view keep clear of it. */
const OVERLAYS = '.bs-legend, .bs-county';

type Offset = [number, number];
/** Where a label stands from its county's centre, and whether it has left the centre uncovered. */
interface Placement {
  offset: Offset;
  leader: boolean;
}
const AT_CENTRE: Placement = { offset: [0, 0], leader: false };

/** The overlays over the map element, in its own pixels. */
function overlayRects(element: HTMLElement): Rect[] {
  const mapRect = element.getBoundingClientRect();
  return [...(element.parentElement?.querySelectorAll(OVERLAYS) ?? [])].map((overlay) => {
    const rect = overlay.getBoundingClientRect();
    return { x: rect.x - mapRect.x, y: rect.y - mapRect.y, width: rect.width, height: rect.height };
  });
}

const BASE_STYLE: StyleSpecification = {
  version: 8,
  name: 'canteen-command-local',
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': MAP_BACKGROUND } }],
};

export interface CommandMapProps {
  boundaries: BoundaryCollection;
  /** The areas (of `areaLevel`) with their figures; the other outlines in `boundaries` are drawn as the frame. */
  counties: readonly DashboardCounty[];
  areaLevel: AreaLevel;
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
  const { boundaries, counties, areaLevel, canteens, heat, selectedCounty, selectedCanteen, onSelectCounty, onSelectCanteen, onReady } =
    props;
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
  const countyFeatures = useMemo(
    () => boundaries.features.filter((feature) => feature.properties.level === areaLevel),
    [boundaries, areaLevel],
  );
  const allBounds = useMemo<Bounds | null>(() => boundsOf(boundaries.features.map((feature) => feature.geometry)), [boundaries]);
  // Each county's label point (its visual centre) and its size, from its outline; the API's centre if it has none.
  const anchors = useMemo(() => {
    const found = new Map<string, { lng: number; lat: number; size: number }>();
    for (const feature of countyFeatures) {
      const anchor = labelAnchor(feature.geometry);
      // Small counties are labelled first and keep their spot.
      if (anchor) found.set(feature.properties.code, { ...anchor, size: polygonalSize(feature.geometry) });
    }
    for (const county of counties)
      if (!found.has(county.code) && county.center) found.set(county.code, { ...county.center, size: Infinity });
    return found;
  }, [countyFeatures, counties]);
  const boundsOfCounty = useCallback(
    (code: string) => boundsOf(countyFeatures.filter((feature) => feature.properties.code === code).map((feature) => feature.geometry)),
    [countyFeatures],
  );

  /** Shows the chosen county, or the whole jurisdiction; answers whether there was anything to fit to yet. */
  const fitView = useCallback(
    (duration: number) => {
      const target = selectedCounty ? boundsOfCounty(selectedCounty) : allBounds;
      const element = box.current;
      if (!target || !element) return false;
      const padding = clearOfOverlays(element.clientWidth, element.clientHeight, overlayRects(element), FIT_PADDING, OVERLAY_GAP);
      map.current?.fitBounds(target, { padding, duration });
      return true;
    },
    [selectedCounty, boundsOfCounty, allBounds],
  );

  // Zoom to the chosen county, or back out to the whole jurisdiction.
  const fitted = useRef<string | null>(null);
  useEffect(() => {
    if (fitted.current === selectedCounty) return;
    fitted.current = selectedCounty;
    fitView(800);
  }, [selectedCounty, fitView]);

  // Labels are measured as drawn and laid out in screen pixels: moved clear of each other, of the legend and
  // panel, and onto the map. Labels whose county is off the map (zoomed to another) stay on their centre.
  const [placements, setPlacements] = useState<ReadonlyMap<string, Placement>>(new Map());
  const layOutLabels = useCallback(() => {
    const instance = map.current?.getMap();
    const element = box.current;
    if (!instance || !element) return;
    const mapRect = element.getBoundingClientRect();
    const bounds: Rect = {
      x: LABEL_GAP,
      y: LABEL_GAP,
      width: mapRect.width - 2 * LABEL_GAP,
      height: mapRect.height - 2 * LABEL_GAP,
    };
    const obstacles = overlayRects(element);
    const labels: Array<LabelBox & { size: number }> = [];
    for (const label of element.querySelectorAll<HTMLElement>('.bs-county-label')) {
      const code = label.dataset.county ?? '';
      const anchor = anchors.get(code);
      if (!anchor) continue;
      const point = instance.project([anchor.lng, anchor.lat]);
      if (point.x < 0 || point.y < 0 || point.x > mapRect.width || point.y > mapRect.height) continue;
      // offsetWidth/Height: the label's own size, whatever offset it has now.
      labels.push({
        id: code,
        anchor: { x: point.x, y: point.y },
        width: label.offsetWidth,
        height: label.offsetHeight,
        size: anchor.size,
      });
    }
    labels.sort((a, b) => a.size - b.size);
    const placed = layoutLabels(labels, { bounds, obstacles, maxDistance: LABEL_REACH, gap: LABEL_GAP });
    setPlacements(
      new Map(
        placed.map((label, i) => {
          const { width, height } = labels[i]!;
          const leader = Math.abs(label.dx) > width / 2 || Math.abs(label.dy) > height / 2;
          return [label.id, { offset: [Math.round(label.dx), Math.round(label.dy)], leader }];
        }),
      ),
    );
    element.setAttribute('data-labels', String(placed.length));
  }, [anchors]);
  // The labels' sizes are known once drawn, and change when the Chinese font arrives.
  useEffect(() => {
    layOutLabels();
    let live = true;
    void document.fonts?.ready.then(() => live && layOutLabels());
    return () => {
      live = false;
    };
  }, [layOutLabels, counties]);
  // A resized wall still shows the whole city (or the chosen county); the move's end lays the labels out again.
  // The first view is fitted the same way once the map is there (the initial view knows no overlay).
  const refit = useCallback(() => {
    if (!fitView(0)) layOutLabels();
  }, [fitView, layOutLabels]);

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

  const idles = useRef(0);
  const onIdle = useCallback(() => {
    // maplibre is idle when nothing moves and its last frame is drawn: tests wait for it before looking.
    idles.current += 1;
    box.current?.setAttribute('data-idle', String(idles.current));
    const instance = map.current?.getMap();
    if (instance) box.current?.setAttribute('data-bounds', JSON.stringify(instance.getBounds().toArray()));
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
        onLoad={refit}
        onMoveEnd={layOutLabels}
        onResize={refit}
        style={{ position: 'absolute', inset: 0 }}
      >
        <Source id={SOURCE} type="geojson" data={shaded}>
          <Layer
            id={COUNTY_FILL}
            type="fill"
            filter={['==', ['get', 'level'], areaLevel]}
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
            filter={['==', ['get', 'level'], areaLevel]}
            paint={{ 'line-color': COUNTY_OUTLINE, 'line-width': 2 }}
          />
          <Layer
            id="county-selected"
            type="line"
            filter={['all', ['==', ['get', 'level'], areaLevel], ['==', ['get', 'code'], selectedCounty ?? '']]}
            paint={{ 'line-color': SELECTED_OUTLINE, 'line-width': 4 }}
          />
          <Layer
            id="city-outline"
            type="line"
            filter={['!=', ['get', 'level'], areaLevel]}
            paint={{ 'line-color': CITY_OUTLINE, 'line-width': 3 }}
          />
        </Source>
        <DeckOverlay layers={layers} onAfterRender={onAfterRender} />
        {counties.map((county) => {
          const anchor = anchors.get(county.code);
          if (!anchor) return null;
          const { offset, leader } = placements.get(county.code) ?? AT_CENTRE;
          return (
            <Marker key={county.code} longitude={anchor.lng} latitude={anchor.lat} anchor="center" offset={offset}>
              <button
                type="button"
                className={`bs-county-label${selectedCounty === county.code ? ' selected' : ''}`}
                data-county={county.code}
                data-level={areaLevel}
                onClick={(event) => {
                  event.stopPropagation();
                  onSelectCounty(county.code);
                }}
              >
                {leader && <Leader offset={offset} />}
                <span className="bs-county-name">{county.name}</span>
                <span className="bs-county-rate">{t('county.online', { rate: formatPercent(county.cameras.onlineRate) })}</span>
                {areaLevel === 'city' && (
                  <span className="bs-county-rate" data-testid="city-totals">
                    {t('city.canteens', { count: county.canteens })} · {t('city.risky', { count: county.grades.C + county.grades.D })}
                  </span>
                )}
              </button>
            </Marker>
          );
        })}
      </MapView>
    </div>
  );
}

/**
 * A thin line from a moved label back to its county's centre, with a dot there, drawn under the label: so a
 * label moved off its county's centre still points at it.
 */
function Leader({ offset: [dx, dy] }: { offset: Offset }) {
  const length = Math.hypot(dx, dy);
  const angle = Math.atan2(-dy, -dx);
  return <span className="bs-county-leader" aria-hidden="true" style={{ width: length, transform: `rotate(${angle}rad)` }} />;
}
