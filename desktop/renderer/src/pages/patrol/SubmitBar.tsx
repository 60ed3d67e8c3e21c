// The outcome the answers make (any failed point fails the record), what still blocks submitting, the
// overall note, and the submit button.
import { useTranslation } from 'react-i18next';
import type { PatrolForm } from './use-patrol-form';

export function SubmitBar({ form }: { form: PatrolForm }) {
  const { t } = useTranslation('patrol');
  const blocked = form.unanswered > 0 || form.missingNotes > 0;
  return (
    <section className="patrol-submit">
      <label>
        {t('submit.overall')}
        <textarea rows={2} maxLength={2000} value={form.note} onChange={(event) => form.setNote(event.target.value)} />
      </label>
      <div className="patrol-submit-row">
        <strong className={form.failedCount > 0 ? 'error' : 'ok'} data-testid="patrol-outcome">
          {form.failedCount > 0 ? t('submit.outcomeFailed', { count: form.failedCount }) : t('submit.outcomePassed')}
        </strong>
        <span className="muted" role="status">
          {form.unanswered > 0 && t('submit.unanswered', { count: form.unanswered })}
          {form.unanswered > 0 && form.missingNotes > 0 && '；'}
          {form.missingNotes > 0 && t('submit.missingNotes', { count: form.missingNotes })}
        </span>
        <button type="button" className="primary" disabled={blocked || form.submitting} onClick={() => void form.submit()}>
          {form.submitting ? t('submit.submitting') : t('submit.button')}
        </button>
      </div>
      {form.failure && (
        <p className="error" role="alert">
          {t('submit.failed', { message: form.failure })}
        </p>
      )}
    </section>
  );
}
