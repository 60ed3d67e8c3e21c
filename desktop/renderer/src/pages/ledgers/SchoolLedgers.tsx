// One school's ledgers (#/ledgers/schools/:id) for county and city staff: its warnings and its entries.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../format/time';
import { useLiveQuery } from '../../hooks/use-live-query';
import { entrySummary } from './entry-summary';
import type { LedgerEntry, LedgerKind } from './types';
import { WarningList } from './WarningList';

const KINDS: LedgerKind[] = [
  'morning_check',
  'menu',
  'meal_accompaniment',
  'food_sample',
  'disinfection',
  'self_inspection',
  'purchase',
  'emergency_report',
];

export function SchoolLedgers() {
  const { t } = useTranslation('ledgers');
  const { id = '' } = useParams();
  const [kind, setKind] = useState('');
  const entries = useLiveQuery<{ items: LedgerEntry[]; total: number }>(
    '/api/ledgers/entries',
    { schoolId: id, kind: kind || undefined, pageSize: 100 },
    { refreshOn: ['ledger.'] },
  );
  return (
    <div className="ledger-school" data-testid="ledger-school">
      <Link to="/ledgers/overview" className="ledger-back">
        ‹ {t('detail.back')}
      </Link>
      <WarningList schoolId={id} />
      <section className="ledger-card">
        <h2 className="ledger-subtitle">
          {t('detail.entries')} {entries.data && <span className="muted">({entries.data.total})</span>}
        </h2>
        <select value={kind} onChange={(event) => setKind(event.target.value)} aria-label={t('detail.kind')}>
          <option value="">{t('detail.allKinds')}</option>
          {KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`record.${value}`)}
            </option>
          ))}
        </select>
        {entries.isError && <p className="school-alert">{entries.error.message}</p>}
        {entries.isSuccess && entries.data.items.length === 0 && <p className="muted">{t('detail.empty')}</p>}
        <table className="ledger-table">
          <thead>
            <tr>
              <th>{t('detail.date')}</th>
              <th>{t('detail.kind')}</th>
              <th>{t('detail.content')}</th>
              <th>{t('detail.by')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.data?.items.map((entry) => (
              <tr key={entry.id} data-kind={entry.kind}>
                <td title={formatDateTime(entry.createdAt)}>{entry.entryDate}</td>
                <td>{t(`record.${entry.kind}`)}</td>
                <td>{entrySummary(entry, t)}</td>
                <td>{entry.createdBy ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
