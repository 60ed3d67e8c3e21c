// The one reason for dismissing the chosen alerts as false alarms (kept as training feedback). Opens with
// the reason box focused; Ctrl+Enter dismisses, Esc closes.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionFormButtons } from '../shared/fields';

/** As the server takes a dismissal's reason. */
const REASON_MIN = 2;
const REASON_MAX = 500;

export function BatchDismissDialog({
  count,
  busy,
  onSubmit,
  onClose,
}: {
  count: number;
  busy: boolean;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('desk');
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length >= REASON_MIN) onSubmit(reason.trim());
  };
  const onKey = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.requestSubmit();
    }
  };
  return (
    <div className="desk-overlay" onClick={onClose}>
      <form
        className="panel desk-action-form desk-batch-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="desk-batch-dismiss-title"
        data-testid="batch-dismiss-dialog"
        onSubmit={submit}
        onKeyDown={onKey}
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="desk-batch-dismiss-title">{t('batch.dismissTitle', { count })}</h2>
        <label>
          {t('batch.dismissReason')}
          <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={3} maxLength={REASON_MAX} required autoFocus />
        </label>
        <small className="muted">{t('batch.dismissHint')}</small>
        <ActionFormButtons
          submitLabel={t('batch.dismissSubmit', { count })}
          submitClassName="danger"
          busy={busy}
          disabled={reason.trim().length < REASON_MIN}
          onClose={onClose}
        />
      </form>
    </div>
  );
}
