// Bulletins: generate the period's bulletin (a province user may pick one city, a city user one county), watch it build as
// bulletin.progress events arrive, and download past ones as PDF or XLSX.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { CountySelect } from '../../components/CountySelect';
import type { AssessedUnit, Bulletin, BulletinList } from '../../api/types';
import { formatDateTime } from '../../format/time';
import { useLiveQuery } from '../../hooks/use-live-query';

export function BulletinsPanel({
  period,
  units,
  pick,
}: {
  period: string;
  units: readonly AssessedUnit[];
  /** Which of the units one may build a bulletin of besides one's own node: cities, counties, or none. */
  pick: 'city' | 'county' | null;
}) {
  const { t, i18n } = useTranslation('assessment');
  const client = useQueryClient();
  const [unit, setUnit] = useState('');
  const list = useLiveQuery<BulletinList>('/api/bulletins', undefined, { refreshOn: ['bulletin.'] });
  const generate = useMutation({
    mutationFn: () => api.post<Bulletin>('/api/bulletins', { period, ...(pick && unit ? { [pick]: unit } : {}) }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['/api/bulletins', {}], exact: true }),
  });
  const label = (bulletin: Bulletin) => (i18n.language.startsWith('en') ? bulletin.period.label.en : bulletin.period.label.zh);
  return (
    <section className="as-panel as-bulletins" data-testid="bulletins">
      <h2>{t('bulletins.title')}</h2>
      <div className="as-toolbar">
        {pick && (
          <CountySelect label={t('bulletins.scope')} blank={t('bulletins.whole')} counties={units} value={unit} onChange={setUnit} />
        )}
        <button type="button" className="as-primary" disabled={generate.isPending} onClick={() => generate.mutate()}>
          {t('bulletins.generate')}
        </button>
        {generate.error && <span className="as-error">{t('bulletins.failed', { message: generate.error.message })}</span>}
      </div>
      {list.data && list.data.items.length === 0 && <p className="as-muted">{t('bulletins.none')}</p>}
      <ul className="as-bulletin-list">
        {list.data?.items.map((bulletin) => (
          <li key={bulletin.id} data-testid="bulletin" data-bulletin={bulletin.id} data-status={bulletin.status}>
            <span className="as-bulletin-name">
              {bulletin.node.name} · {label(bulletin)}
            </span>
            <span className="as-muted">{formatDateTime(bulletin.createdAt)}</span>
            <progress max={100} value={bulletin.progress} aria-label={t('bulletins.progress')} data-testid="bulletin-progress" />
            <span data-testid="bulletin-percent">{bulletin.progress}%</span>
            <span data-testid="bulletin-status">{t(`bulletins.status.${bulletin.status}`)}</span>
            {bulletin.files.pdf && (
              <a href={bulletin.files.pdf} download data-testid="bulletin-pdf">
                {t('bulletins.pdf')}
              </a>
            )}
            {bulletin.files.xlsx && (
              <a href={bulletin.files.xlsx} download data-testid="bulletin-xlsx">
                {t('bulletins.xlsx')}
              </a>
            )}
            {bulletin.error && <span className="as-error">{bulletin.error}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
