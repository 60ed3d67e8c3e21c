// The county the map is zoomed to: its figures, each leading to its records, and the way back to the city
// for a user above the county (a county's own screen has no way up).
import { useTranslation } from 'react-i18next';
import type { DashboardCounty } from '../../api/types';
import { formatPercent } from '../../format/time';
import { drill } from './drill';

export function CountyPanel({ county, onReset }: { county: DashboardCounty; onReset?: () => void }) {
  const { t } = useTranslation('bigscreen');
  const { t: common } = useTranslation();
  const figures: Array<[string, string, string]> = [
    [t('county.canteens'), String(county.canteens), drill.countyTasks(county.code)],
    [t('county.openTasks'), String(county.openTasks), drill.openTasks(county.code)],
    [t('county.overdueTasks'), String(county.overdueTasks), drill.overdueTasks(county.code)],
    [t('county.alertsToday'), String(county.alertsToday), drill.alerts({ county: county.code })],
    [t('county.passRate'), formatPercent(county.patrol30Days.passRate), drill.patrol()],
    [t('county.onlineRate'), formatPercent(county.cameras.onlineRate), drill.offlineCameras(county.code)],
  ];
  return (
    <section className="bs-county panel" aria-label={county.name} data-testid="county-panel" data-county={county.code}>
      <header className="bs-county-head">
        <h2>{county.name}</h2>
        {onReset && (
          <button type="button" onClick={onReset}>
            {t('county.reset')}
          </button>
        )}
      </header>
      <ul className="bs-county-figures">
        {figures.map(([label, value, href]) => (
          <li key={label}>
            <a href={href}>
              <span className="bs-figure-label">{label}</span>
              <span className="bs-figure-value">{value}</span>
            </a>
          </li>
        ))}
      </ul>
      <div className="bs-county-grades">
        {(['A', 'B', 'C', 'D'] as const).map((grade) => (
          <span key={grade} className={`grade-${grade}`}>
            {common(`grades.${grade}`)} {county.grades[grade]}
          </span>
        ))}
      </div>
    </section>
  );
}
