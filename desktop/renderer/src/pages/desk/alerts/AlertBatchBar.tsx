// Above the alert list: choose the whole page, see how many are chosen, and confirm or dismiss them in one
// go (the dismissal asks for one reason). With nothing chosen, the keys act on the row under the cursor.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export function AlertBatchBar({
  chosen,
  allChosen,
  busy,
  onToggleAll,
  onConfirm,
  onDismiss,
  onClear,
}: {
  chosen: number;
  allChosen: boolean;
  busy: boolean;
  onToggleAll: () => void;
  onConfirm: () => void;
  onDismiss: () => void;
  onClear: () => void;
}) {
  const { t } = useTranslation('desk');
  const all = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (all.current) all.current.indeterminate = chosen > 0 && !allChosen;
  }, [chosen, allChosen]);
  return (
    <div className="desk-batch-bar" role="toolbar" aria-label={t('batch.label')}>
      <label className="desk-check">
        <input ref={all} type="checkbox" checked={allChosen} onChange={onToggleAll} aria-keyshortcuts="Shift+A" />
        {t('batch.allOnPage')}
      </label>
      <span data-testid="batch-chosen" aria-live="polite">
        {t('batch.chosen', { count: chosen })}
      </span>
      <button type="button" className="primary" disabled={busy || chosen === 0} aria-keyshortcuts="Shift+C" onClick={onConfirm}>
        {t('batch.confirm')}
      </button>
      <button type="button" className="danger" disabled={busy || chosen === 0} aria-keyshortcuts="Shift+D" onClick={onDismiss}>
        {t('batch.dismiss')}
      </button>
      {chosen > 0 && (
        <button type="button" className="link" onClick={onClear}>
          {t('batch.clear')}
        </button>
      )}
    </div>
  );
}
