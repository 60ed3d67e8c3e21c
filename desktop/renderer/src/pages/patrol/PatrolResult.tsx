// The record as the server kept it, what it set in motion, and the way on to the next canteen of the plan.
import { useTranslation } from 'react-i18next';
import type { PatrolRecord } from '../../api/types';
import { formatDateTime } from '../../format/time';

interface Props {
  record: PatrolRecord;
  /** The next canteen still to patrol today, if any. */
  next: { id: string; name: string } | null;
  onNext: (canteenId: string) => void;
}

export function PatrolResult({ record, next, onNext }: Props) {
  const { t } = useTranslation('patrol');
  const failed = record.result === 'failed';
  return (
    <section
      className={`patrol-result panel ${record.result}`}
      role="status"
      data-testid="patrol-result"
      data-result={record.result}
      data-record={record.id}
    >
      <h3>{t('result.title')}</h3>
      <p className={failed ? 'error' : 'ok'}>
        <strong>{failed ? t('result.failed') : t('result.passed')}</strong>
      </p>
      {failed && <p>{t('result.counts', { failed: record.failedCount, key: record.keyFailedCount })}</p>}
      {failed && <p className="muted">{t('result.consequences')}</p>}
      <p className="muted">{t('result.at', { time: formatDateTime(record.submittedAt), operator: record.operator })}</p>
      {next ? (
        <button type="button" className="primary" onClick={() => onNext(next.id)}>
          {t('result.next')}：{next.name}
        </button>
      ) : (
        <p>{t('result.allDone')}</p>
      )}
    </section>
  );
}
