// 留样销毁 (#/ledgers/samples): the food samples a school still keeps, each with how long it has been kept and
// whether its 48 hours have passed; discarding one records now as its time thrown away. Discarding before
// 48 hours is asked again (it raises a ledger warning); a sample changed meanwhile (409) reloads the list.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SAMPLE_MIN_HOURS } from '../../../../../analytics/ledgers/thresholds';
import { api, ApiError } from '../../api/client';
import { formatDateTime } from '../../format/time';
import { useLiveQuery } from '../../hooks/use-live-query';
import type { LedgerEntry } from './types';

const RETAINED = { kind: 'food_sample', retained: 'true', pageSize: 200 };
const HOUR_MS = 3_600_000;

/** The current time, moved on every minute, so hours kept count up while the page is open. */
function useMinuteClock(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function RetainedSamples() {
  const { t } = useTranslation('ledgers');
  const client = useQueryClient();
  const now = useMinuteClock();
  const samples = useLiveQuery<{ items: LedgerEntry[] }>('/api/ledgers/entries', RETAINED, { refreshOn: ['ledger.'] });
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const items = [...(samples.data?.items ?? [])].sort(
    (a, b) => Date.parse(String(a.payload.collectedAt)) - Date.parse(String(b.payload.collectedAt)),
  );

  const discard = async (entry: LedgerEntry, hours: number) => {
    const dish = String(entry.payload.dish);
    if (hours < SAMPLE_MIN_HOURS && !window.confirm(t('samples.confirmEarly', { dish, hours: Math.floor(hours) }))) return;
    setBusy(entry.id);
    setMessage(null);
    try {
      await api.post(`/api/ledgers/entries/${entry.id}/discard`, { discardedAt: new Date().toISOString(), version: entry.version });
      setMessage({ tone: 'ok', text: t('samples.discarded', { dish }) });
    } catch (caught) {
      const stale = caught instanceof ApiError && caught.status === 409;
      setMessage({ tone: 'bad', text: stale ? t('samples.stale') : t('samples.failed', { message: (caught as Error).message }) });
    } finally {
      setBusy(null);
      await client.invalidateQueries({ queryKey: ['/api/ledgers/entries'] });
    }
  };

  return (
    <section data-testid="retained-samples">
      <Link to="/ledgers" className="ledger-back">
        ‹ {t('form.back')}
      </Link>
      <h1 className="school-title">{t('samples.title')}</h1>
      {message && (
        <p className={message.tone === 'ok' ? 'school-ok' : 'school-alert'} role={message.tone === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {samples.isError && <p className="school-alert">{samples.error.message}</p>}
      {samples.isSuccess && items.length === 0 && <p className="muted">{t('samples.none')}</p>}
      <ul className="ledger-samples">
        {items.map((entry) => {
          const hours = Math.max(0, (now - Date.parse(String(entry.payload.collectedAt))) / HOUR_MS);
          const due = hours >= SAMPLE_MIN_HOURS;
          return (
            <li key={entry.id} className={`ledger-sample ${due ? 'due' : 'kept'}`} data-sample={entry.id}>
              <div>
                <strong>{String(entry.payload.dish)}</strong>
                <span>{t('samples.weight', { weight: entry.payload.weightGrams })}</span>
                <small className="muted">{t('samples.collectedAt', { time: formatDateTime(String(entry.payload.collectedAt)) })}</small>
                <small className="ledger-sample-hours" data-testid="sample-hours">
                  {t('samples.kept', { hours: Math.floor(hours) })} · {due ? t('samples.due') : t('samples.notDue')}
                </small>
              </div>
              <button type="button" className="danger" disabled={busy !== null} onClick={() => void discard(entry, hours)}>
                {busy === entry.id ? t('samples.discarding') : t('samples.discard')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
