// The city big screen (指挥大屏) at 1920×1080: headline figures and charts on the left, the jurisdiction map
// in the middle, the live alert feed and the county ranking on the right. Every figure refreshes on the
// events that change it and leads to its records. Zoomed to a county, the feed shows that county's alerts.
// A county's own screen stays on its county: no way up to the city, and its canteens ranked by risk in place
// of a ranking of one county.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardCanteenPoint } from '../../api/types';
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
  useBoundaries,
  useCanteenPoints,
  useCanteenRanking,
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
  const summary = useSummary();
  const trend = useTrend();
  const counties = useCounties();
  const canteens = useCanteenPoints();
  const heatmap = useHeatmap();
  const boundaries = useBoundaries();
  const { state } = useRealtimeState();
  const now = useClock();

  const [selectedCounty, setSelectedCounty] = useState<string | null>(null);
  const [selectedCanteenId, setSelectedCanteenId] = useState<string | null>(null);
  const [mapReady, setMapReady] = useState(false);
  // A jurisdiction of one county (a county's own screen) is that county throughout: shown as chosen, never left.
  const onlyCounty = counties.data?.items.length === 1 ? counties.data.items[0] : undefined;
  const drilledCounty = onlyCounty ? null : selectedCounty;
  const shownCounty = onlyCounty?.code ?? selectedCounty;
  const feed = useAlertFeed(drilledCounty);
  const canteenRanking = useCanteenRanking(onlyCounty !== undefined);
  const points = canteens.data?.items ?? NO_POINTS;
  const selectedCanteen = useMemo(() => points.find((point) => point.id === selectedCanteenId) ?? null, [points, selectedCanteenId]);
  const county = counties.data?.items.find((row) => row.code === shownCounty);

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
        {boundaries.data && counties.data ? (
          <CommandMap
            boundaries={boundaries.data}
            counties={counties.data.items}
            canteens={points}
            heat={heatmap.data?.points ?? []}
            selectedCounty={shownCounty}
            selectedCanteen={selectedCanteen}
            onSelectCounty={setSelectedCounty}
            onSelectCanteen={setSelectedCanteenId}
            onReady={onReady}
          />
        ) : (
          <div className="bs-map bs-map-loading">
            <QueryState query={boundaries}>{() => <QueryState query={counties}>{() => null}</QueryState>}</QueryState>
          </div>
        )}
        <MapLegend />
        {county && <CountyPanel county={county} onReset={onlyCounty ? undefined : () => setSelectedCounty(null)} />}
        {selectedCanteenId && (
          <CanteenCard key={selectedCanteenId} canteenId={selectedCanteenId} onClose={() => setSelectedCanteenId(null)} />
        )}
      </section>

      <section className="bs-right">
        <div className="panel bs-panel bs-feed-panel">
          <h2>
            {county && drilledCounty ? t('panels.feedOf', { county: county.name }) : t('panels.feed')}
            <a className="bs-more" href={drill.alerts({ county: drilledCounty ?? undefined })}>
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
              <h2>{t('panels.ranking')}</h2>
              <QueryState query={counties}>{(data) => <CountyRanking counties={data.items} />}</QueryState>
            </>
          )}
        </div>
      </section>
    </div>
  );
}
