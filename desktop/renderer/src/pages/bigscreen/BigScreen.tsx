// The city big screen (指挥大屏) at 1920×1080: headline figures and charts on the left, the jurisdiction map
// in the middle, the live alert feed and the county ranking on the right. Every figure refreshes on the
// events that change it and leads to its records. Zoomed to a county, the feed shows that county's alerts.
// A county's own screen stays on its county: no way up to the city, and its canteens ranked by risk in place
// of a ranking of one county. A province's screen starts at its cities: the map shades them and labels each
// with its figures (no canteen points: they load for a city once drilled into), the ranking ranks them, and a
// click on a city (map, label or ranking bar) drills into it — the city's own screen, with a way back.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardCanteenPoint } from '../../api/types';
import { useSession } from '../../auth/session';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatTime } from '../../format/time';
import { useRealtimeState } from '../../hooks/use-realtime';
import { AlertFeed } from './AlertFeed';
import './bigscreen.css';
import { CanteenCard } from './CanteenCard';
import { CanteenRanking } from './CanteenRanking';
import { CategoryChart } from './charts/CategoryChart';
import { CountyRanking } from './charts/CountyRanking';
import { TrendChart } from './charts/TrendChart';
import { CountyPanel } from './CountyPanel';
import { drill } from './drill';
import { KpiTiles } from './KpiTiles';
import { CommandMap } from './map/CommandMap';
import { MapLegend } from './MapLegend';
import {
  useAlertFeed,
  useAreas,
  useCanteenPoints,
  useCanteenRanking,
  useChildren,
  useCounties,
  useHeatmap,
  useSummary,
  useTrend,
} from './use-dashboard';
import { useClock } from '../../hooks/use-clock';

/** Performance marks (for bench/bigscreen-paint.ts): the headline figures filled in, the map drawn with its
 *  counties and canteens, and both. */
export const MARKS = { kpis: 'bigscreen:kpis', map: 'bigscreen:map', ready: 'bigscreen:ready' } as const;

const markOnce = (name: string) => {
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
};

const NO_POINTS: DashboardCanteenPoint[] = [];

export default function BigScreen() {
  const { t } = useTranslation('bigscreen');
  const { user } = useSession();
  const ownScope = user?.scope;
  // The city a province user has drilled into; null: the user's own node.
  const [city, setCity] = useState<string | null>(null);
  const atProvince = ownScope?.level === 'province' && city === null;
  const summary = useSummary(city);
  const trend = useTrend(city);
  const cities = useChildren(city, atProvince);
  const cityCounties = useCounties(city, !atProvince);
  const areas = atProvince ? cities : cityCounties;
  const canteens = useCanteenPoints(city, !atProvince);
  const heatmap = useHeatmap(city);
  const boundaries = useAreas(city);
  const { state } = useRealtimeState();
  const now = useClock();

  const [selectedCounty, setSelectedCounty] = useState<string | null>(null);
  const [selectedCanteenId, setSelectedCanteenId] = useState<string | null>(null);
  const [mapReady, setMapReady] = useState(false);
  const drillInto = useCallback((code: string | null) => {
    setSelectedCounty(null);
    setSelectedCanteenId(null);
    setCity(code);
  }, []);
  // A jurisdiction of one county (a county's own screen) is that county throughout: shown as chosen, never left.
  const counties = atProvince ? undefined : cityCounties.data;
  const onlyCounty = counties?.items.length === 1 ? counties.items[0] : undefined;
  const drilledCounty = onlyCounty ? null : selectedCounty;
  const shownCounty = onlyCounty?.code ?? selectedCounty;
  // The feed follows the drill: the county zoomed to, else the city drilled into, else the whole jurisdiction.
  const feedNode = drilledCounty ?? city;
  const feed = useAlertFeed(feedNode);
  const canteenRanking = useCanteenRanking(onlyCounty !== undefined);
  const points = (!atProvince && canteens.data?.items) || NO_POINTS;
  const selectedCanteen = useMemo(() => points.find((point) => point.id === selectedCanteenId) ?? null, [points, selectedCanteenId]);
  const county = counties?.items.find((row) => row.code === shownCounty);

  const summaryLoaded = summary.data !== undefined;
  useEffect(() => {
    if (summaryLoaded) markOnce(MARKS.kpis);
    if (mapReady) markOnce(MARKS.map);
    if (mapReady && summaryLoaded) markOnce(MARKS.ready);
  }, [mapReady, summaryLoaded]);
  const onReady = useCallback(() => setMapReady(true), []);

  const scopeName = summary.data?.scope.name ?? '';
  return (
    <div className="bigscreen" data-testid="bigscreen">
      <header className="bs-header">
        <h1>{t('heading', { scope: scopeName })}</h1>
        <div className="bs-header-right">
          {city !== null && ownScope && (
            <button type="button" className="bs-back" data-testid="bigscreen-back" onClick={() => drillInto(null)}>
              {t('city.back', { province: ownScope.name })}
            </button>
          )}
          <span className={`bs-live ${state === 'live' ? 'on' : 'off'}`} data-testid="bigscreen-live">
            {state === 'live' ? t('live') : t('offline')}
          </span>
          <time className="bs-clock" dateTime={now.toISOString()}>
            {formatDate(now)} {formatTime(now)}
          </time>
        </div>
      </header>

      <section className="bs-left">
        <QueryState query={summary}>{(data) => <KpiTiles kpis={data.kpis} />}</QueryState>
        <div className="panel bs-panel">
          <h2>{t('panels.categories')}</h2>
          <QueryState query={summary}>{(data) => <CategoryChart categories={data.categories} />}</QueryState>
        </div>
        <div className="panel bs-panel">
          <h2>{t('panels.trend')}</h2>
          <QueryState query={trend}>{(data) => <TrendChart trend={data} />}</QueryState>
        </div>
      </section>

      <section className="bs-center">
        {boundaries.data && areas.data ? (
          <CommandMap
            key={city ?? 'own'}
            boundaries={boundaries.data}
            counties={areas.data.items}
            areaLevel={atProvince ? 'city' : 'county'}
            canteens={points}
            heat={heatmap.data?.points ?? []}
            selectedCounty={shownCounty}
            selectedCanteen={selectedCanteen}
            onSelectCounty={atProvince ? drillInto : setSelectedCounty}
            onSelectCanteen={setSelectedCanteenId}
            onReady={onReady}
          />
        ) : (
          <div className="bs-map bs-map-loading">
            <QueryState query={boundaries}>{() => <QueryState query={areas}>{() => null}</QueryState>}</QueryState>
          </div>
        )}
        <MapLegend areaLevel={atProvince ? 'city' : 'county'} />
        {county && <CountyPanel county={county} onReset={onlyCounty ? undefined : () => setSelectedCounty(null)} />}
        {selectedCanteenId && (
          <CanteenCard key={selectedCanteenId} canteenId={selectedCanteenId} onClose={() => setSelectedCanteenId(null)} />
        )}
      </section>

      <section className="bs-right">
        <div className="panel bs-panel bs-feed-panel">
          <h2>
            {county && drilledCounty ? t('panels.feedOf', { county: county.name }) : t('panels.feed')}
            <a className="bs-more" href={drill.alerts({ county: feedNode ?? undefined })}>
              {t('feed.more')}
            </a>
          </h2>
          <QueryState query={feed}>{(page) => <AlertFeed alerts={page.items} />}</QueryState>
        </div>
        <div className="panel bs-panel bs-ranking-panel">
          {onlyCounty ? (
            <>
              <h2>{t('panels.canteenRanking')}</h2>
              <QueryState query={canteenRanking}>
                {(page) => <CanteenRanking canteens={page.items} onOpen={setSelectedCanteenId} />}
              </QueryState>
            </>
          ) : (
            <>
              <h2>{atProvince ? t('panels.cityRanking') : t('panels.ranking')}</h2>
              <QueryState query={areas}>
                {(data) =>
                  atProvince ? (
                    <CountyRanking counties={data.items} title={t('panels.cityRanking')} onOpen={drillInto} />
                  ) : (
                    <CountyRanking counties={data.items} title={t('panels.ranking')} />
                  )
                }
              </QueryState>
            </>
          )}
        </div>
      </section>
    </div>
  );
}
