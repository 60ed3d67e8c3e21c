// 台账完整率 (#/ledgers/overview): for city and county staff, completeness per county and per school over a
// period, live as schools record; a school opens its ledgers.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLiveQuery } from '../../hooks/use-live-query';
import { periodDays, type PeriodChoice } from './period';
import { KeptCells } from './RateBar';
import type { Completeness } from './types';
import { TableHead } from './TableHead';

/** A city holds thousands of schools: until a county is chosen, the table lists the least complete this many. */
const MAX_ROWS = 200;

export function Overview() {
  const { t } = useTranslation('ledgers');
  const { t: tc } = useTranslation('calendar');
  const [period, setPeriod] = useState<PeriodChoice>('week');
  const [county, setCounty] = useState('');
  const days = periodDays(period);
  const result = useLiveQuery<Completeness>('/api/ledgers/completeness', days, { refreshOn: ['ledger.'] });
  const data = result.data;
  const schools = (data?.schools ?? []).filter((school) => !county || school.county.code === county).sort((a, b) => a.rate - b.rate);
  const limit = county || (data?.counties.length ?? 0) <= 1 ? schools.length : MAX_ROWS;
  return (
    <div className="ledger-overview" data-testid="ledger-overview">
      <h1 className="school-title">{t('overview.title')}</h1>
      <div className="ledger-toolbar">
        <label>
          {t('overview.period')}{' '}
          <select value={period} onChange={(event) => setPeriod(event.target.value as PeriodChoice)}>
            {(['today', 'week', 'month'] as const).map((choice) => (
              <option key={choice} value={choice}>
                {t(`overview.periods.${choice}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          {days.from} – {days.to}
        </span>
        <Link to="/calendar" data-testid="calendar-link">
          {tc('ledgersLink')}
        </Link>
      </div>
      {result.isError && <p className="school-alert">{String(result.error.message)}</p>}
      <section className="ledger-card">
        <h2 className="ledger-subtitle">{t('overview.counties')}</h2>
        <table className="ledger-table" data-testid="ledger-counties">
          <TableHead columns={[t('overview.county'), t('overview.schoolCount'), t('overview.kept'), t('overview.rate')]} />
          <tbody>
            {data?.counties.map((row) => (
              <tr
                key={row.code}
                className={row.code === county ? 'selected' : undefined}
                onClick={() => setCounty(row.code === county ? '' : row.code)}
              >
                <td>
                  <button type="button" className="link">
                    {row.name}
                  </button>
                </td>
                <td>{row.schools}</td>
                <KeptCells row={row} />
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="ledger-card">
        <h2 className="ledger-subtitle">
          {t('overview.schools')}{' '}
          {county && (
            <button type="button" className="link" onClick={() => setCounty('')}>
              {t('overview.all')}
            </button>
          )}
        </h2>
        <table className="ledger-table" data-testid="ledger-schools">
          <TableHead columns={[t('overview.school'), t('overview.county'), t('overview.kept'), t('overview.rate')]} />
          <tbody>
            {schools.slice(0, limit).map((row) => (
              <tr key={row.id} data-school={row.id}>
                <td>
                  <Link to={`/ledgers/schools/${row.id}`}>{row.name}</Link>
                </td>
                <td>{row.county.name}</td>
                <KeptCells row={row} testId="school-kept" />
              </tr>
            ))}
          </tbody>
        </table>
        {schools.length > limit && <p className="muted">{t('overview.showing', { shown: limit, total: schools.length })}</p>}
      </section>
    </div>
  );
}
