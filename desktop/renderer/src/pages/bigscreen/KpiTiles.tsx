// The six headline figures. Each tile is a link to the records behind its number; the number itself carries
// a test id (kpi-<name>) and is plain text.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardSummary } from '../../api/types';
import { formatPercent } from '../../format/time';
import { drill } from './drill';

type Kpis = DashboardSummary['kpis'];

function Tile({
  name,
  label,
  value,
  sub,
  href,
  tone,
}: {
  name: string;
  label: string;
  value: string;
  sub?: ReactNode;
  href: string;
  tone?: 'warn' | 'bad' | 'ok';
}) {
  const { t } = useTranslation('bigscreen');
  return (
    <a className={`bs-kpi${tone ? ` ${tone}` : ''}`} href={href} title={t('kpi.drill')}>
      <span className="bs-kpi-label">{label}</span>
      <span className="bs-kpi-value" data-testid={`kpi-${name}`}>
        {value}
      </span>
      {sub && <span className="bs-kpi-sub">{sub}</span>}
    </a>
  );
}

export function KpiTiles({ kpis }: { kpis: Kpis }) {
  const { t } = useTranslation('bigscreen');
  const { patrol, cameras } = kpis;
  return (
    <div className="bs-kpis">
      <Tile
        name="alertsToday"
        label={t('kpi.alertsToday')}
        value={String(kpis.alertsToday)}
        href={drill.alerts()}
        tone={kpis.alertsToday > 0 ? 'warn' : undefined}
      />
      <Tile name="openTasks" label={t('kpi.openTasks')} value={String(kpis.openTasks)} href={drill.openTasks()} />
      <Tile
        name="overdueTasks"
        label={t('kpi.overdueTasks')}
        value={String(kpis.overdueTasks)}
        href={drill.overdueTasks()}
        tone={kpis.overdueTasks > 0 ? 'bad' : 'ok'}
      />
      <Tile
        name="patrolDone"
        label={t('kpi.patrolDone')}
        value={String(patrol.done)}
        sub={t('kpi.patrolPlan', { planned: patrol.planned })}
        href={drill.patrol()}
      />
      <Tile
        name="patrolPassRate"
        label={t('kpi.patrolPassRate')}
        value={formatPercent(patrol.passRateToday)}
        sub={t('kpi.patrolPassRate30', { rate: formatPercent(patrol.passRate30Days) })}
        href={drill.patrol()}
      />
      <Tile
        name="camerasOnline"
        label={t('kpi.camerasOnline')}
        value={String(cameras.online)}
        sub={t('kpi.camerasOf', { total: cameras.total, rate: formatPercent(cameras.onlineRate) })}
        href={drill.offlineCameras()}
      />
    </div>
  );
}
