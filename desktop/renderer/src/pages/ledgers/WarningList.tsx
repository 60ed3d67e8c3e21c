// The ledger warnings that hold for a school now, most severe first.
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../hooks/use-live-query';
import type { LedgerWarning } from './types';

const ORDER = { high: 0, medium: 1, low: 2 } as const;

export function WarningList({ schoolId }: { schoolId?: string }) {
  const { t, i18n } = useTranslation('ledgers');
  const warnings = useLiveQuery<{ items: LedgerWarning[] }>('/api/ledgers/warnings', schoolId ? { schoolId } : undefined, {
    refreshOn: ['ledger.'],
  });
  const items = [...(warnings.data?.items ?? [])].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <section className="ledger-card" data-testid="ledger-warnings">
      <h2 className="ledger-subtitle">
        {t('warnings.title')} {items.length > 0 && <span className="ledger-count">{items.length}</span>}
      </h2>
      {warnings.isSuccess && items.length === 0 && <p className="muted">{t('warnings.none')}</p>}
      <ul className="ledger-warnings">
        {items.map((warning) => (
          <li key={warning.key} className={`ledger-warning severity-${warning.severity}`} data-category={warning.category}>
            <span className="ledger-severity">{t(`severity.${warning.severity}`)}</span>
            {i18n.language === 'en' ? warning.message.en : warning.message.zh}
          </li>
        ))}
      </ul>
    </section>
  );
}
