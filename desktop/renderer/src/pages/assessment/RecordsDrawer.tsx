// The records behind one figure: what the indicator counted for a city, a county or a school in the period, with
// whether each met it. Opened from any rate on the page.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentRecords } from '../../api/types';
import { formatDateTime } from '../../format/time';
import { useLiveQuery } from '../../hooks/use-live-query';
import { formatCounts, indicatorLabel, type IndicatorCode } from './indicators';

export interface RecordsTarget {
  indicator: IndicatorCode;
  /** What the figure is of: a city's, a county's or a school's code, and its name for the title. */
  city?: string;
  county?: string;
  school?: string;
  name: string;
}

type MetFilter = 'all' | 'true' | 'false';

export function RecordsDrawer({ period, target, onClose }: { period: string; target: RecordsTarget; onClose: () => void }) {
  const { t, i18n } = useTranslation('assessment');
  const [met, setMet] = useState<MetFilter>('all');
  const records = useLiveQuery<AssessmentRecords>('/api/assessment/records', {
    period,
    indicator: target.indicator,
    city: target.city,
    county: target.county,
    school: target.school,
    met: met === 'all' ? undefined : met,
  });
  const title = t('records.title', { indicator: indicatorLabel(target.indicator, i18n.language), scope: target.name });
  return (
    <aside className="as-drawer" role="dialog" aria-label={title} data-testid="records-drawer">
      <header>
        <h2>{title}</h2>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </header>
      <div className="as-segmented" role="group">
        {(['all', 'true', 'false'] as const).map((value) => (
          <button key={value} type="button" aria-pressed={met === value} onClick={() => setMet(value)}>
            {t(value === 'all' ? 'records.all' : value === 'true' ? 'records.met' : 'records.unmet')}
          </button>
        ))}
      </div>
      {records.isPending && <p>{t('loading')}</p>}
      {records.error && <p className="as-error">{t('failed', { message: records.error.message })}</p>}
      {records.data && records.data.items.length === 0 && <p>{t('records.none')}</p>}
      {records.data && records.data.items.length > 0 && (
        <table className="as-table">
          <thead>
            <tr>
              <th>{t('records.record')}</th>
              <th>{t('school')}</th>
              <th>{t('records.at')}</th>
              <th>{t('records.met')}</th>
            </tr>
          </thead>
          <tbody>
            {records.data.items.map((item) => (
              <tr key={`${item.type}-${item.id}`} data-testid="record-row" data-met={item.met}>
                <td>
                  {item.label}
                  {item.denominator !== undefined &&
                    ` (${formatCounts(target.indicator, item.numerator ?? 0, item.denominator, (value) => t('hours', { value }))})`}
                </td>
                <td>{item.school.name}</td>
                <td>{item.at ? formatDateTime(item.at) : '—'}</td>
                <td className={item.met ? 'as-up' : 'as-down'}>{item.met ? '✓' : '✗'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  );
}
