// What became of each alert of the last batch: how many were confirmed or dismissed, and for each one that
// was not, why (someone triaged it first, it left the operator's scope…), named as the list named it.
import { useTranslation } from 'react-i18next';
import type { AlertTriageResponse } from '../../../api/types';
import { describeRefusal } from '../shared/describe-error';

export interface BatchRun {
  action: 'confirm' | 'dismiss';
  results: AlertTriageResponse['results'];
  /** What each alert was called when it was chosen: it may have left the list since. */
  labels: ReadonlyMap<string, string>;
}

export function BatchOutcomes({ run, onClose }: { run: BatchRun; onClose: () => void }) {
  const { t } = useTranslation('desk');
  const done = run.results.filter((result) => result.ok).length;
  const failed = run.results.length - done;
  return (
    <section className={failed > 0 ? 'desk-batch-outcome has-failures' : 'desk-batch-outcome'} data-testid="batch-outcome" role="status">
      <header>
        <strong>
          {t(run.action === 'confirm' ? 'batch.confirmed' : 'batch.dismissed', { count: done })}
          {failed > 0 && t('batch.failed', { count: failed })}
        </strong>
        <button type="button" className="link" onClick={onClose} aria-label={t('batch.closeOutcome')}>
          ✕
        </button>
      </header>
      <ul>
        {run.results.map((result) => (
          <li key={result.id} data-alert-id={result.id} data-ok={result.ok} className={result.ok ? 'desk-ok' : 'error'}>
            {run.labels.get(result.id) ?? result.id}：
            {result.ok ? t(`common:alertStates.${result.alert.status}`) : describeRefusal(t, result.error, 'alert')}
          </li>
        ))}
      </ul>
    </section>
  );
}
