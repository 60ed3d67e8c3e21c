// A school manager's ledgers on a phone: what today's ledgers hold, a button for each record, the warnings.
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { shanghaiToday } from '../../format/time';
import { useLiveQuery } from '../../hooks/use-live-query';
import { entrySummary } from './entry-summary';
import { formWords } from './form-words';
import type { LedgerEntry, LedgerKind } from './types';
import { WarningList } from './WarningList';

/** The records a phone page exists for, with the path of each form. */
export const FORMS: ReadonlyArray<readonly [LedgerKind, string]> = [
  ['morning_check', 'morning-check'],
  ['food_sample', 'sample'],
  ['menu', 'menu'],
  ['disinfection', 'disinfection'],
  ['meal_accompaniment', 'accompaniment'],
  ['purchase', 'purchase'],
  ['self_inspection', 'self-inspection'],
  ['emergency_report', 'emergency'],
];

export function SchoolHome() {
  const { t } = useTranslation('ledgers');
  const [params] = useSearchParams();
  const saved = params.get('saved');
  const today = shanghaiToday();
  const entries = useLiveQuery<{ items: LedgerEntry[] }>(
    '/api/ledgers/entries',
    { from: today, to: today, pageSize: 200 },
    { refreshOn: ['ledger.'] },
  );
  const todays = entries.data?.items ?? [];
  const count = (kind: LedgerKind) => todays.filter((entry) => entry.kind === kind).length;
  return (
    <>
      <h1 className="school-title">{t('title')}</h1>
      {saved && (
        <p className="school-ok" role="status" data-testid="ledger-saved">
          {t(formWords(saved).done, { kind: t(`record.${saved}`) })}
        </p>
      )}
      <p className="muted">{t('today', { date: today })}</p>
      <nav className="ledger-actions">
        {FORMS.map(([kind, path]) => (
          <Link
            key={kind}
            to={`/ledgers/${path}`}
            className={`ledger-action${kind === 'emergency_report' ? ' danger' : ''}`}
            data-kind={kind}
          >
            <span>{t(`record.${kind}`)}</span>
            {kind !== 'emergency_report' && (
              <small className={count(kind) > 0 ? 'school-ok' : 'muted'} data-testid={`today-${kind}`}>
                {count(kind) > 0 ? `${t('recorded')} ${count(kind)}` : t('missing')}
              </small>
            )}
          </Link>
        ))}
      </nav>
      <Link to="/ledgers/samples" className="ledger-back">
        {t('samples.open')} ›
      </Link>
      <Link to="/ledgers/staff" className="ledger-back">
        {t('staff.title')} ›
      </Link>
      <WarningList />
      {todays.length > 0 && (
        <section className="ledger-card">
          <ul className="ledger-entries">
            {todays.map((entry) => (
              <li key={entry.id}>
                <strong>{t(`record.${entry.kind}`)}</strong> {entrySummary(entry, t)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
