// One school's ledgers (#/ledgers/schools/:id) for county and city staff: its warnings and its entries, of one
// kind if asked (?kind=), with one entry marked (?entry=).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatDateTime } from '../../format/time';
import { useLiveQuery } from '../../hooks/use-live-query';
import { entrySummary } from './entry-summary';
import { LEDGER_KINDS, type LedgerEntry } from './types';
import { WarningList } from './WarningList';
import { TableHead } from './TableHead';

export function SchoolLedgers() {
  const { t } = useTranslation('ledgers');
  const { id = '' } = useParams();
  // Opened from the emergency banner: ?kind=emergency_report&entry=<id> shows that kind and marks the entry.
  const [params] = useSearchParams();
  const marked = params.get('entry');
  const [kind, setKind] = useState(params.get('kind') ?? '');
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
          {LEDGER_KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`record.${value}`)}
            </option>
          ))}
        </select>
        {entries.isError && <p className="school-alert">{entries.error.message}</p>}
        {entries.isSuccess && entries.data.items.length === 0 && <p className="muted">{t('detail.empty')}</p>}
        <table className="ledger-table">
          <TableHead columns={[t('detail.date'), t('detail.kind'), t('detail.content'), t('detail.by')]} />
          <tbody>
            {entries.data?.items.map((entry) => (
              <tr key={entry.id} data-kind={entry.kind} data-entry={entry.id} className={entry.id === marked ? 'selected' : undefined}>
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
