// The ? overlay: every shortcut of the desk in one list.
import { useTranslation } from 'react-i18next';

const KEYS: Array<[string, string]> = [
  ['j', 'next'],
  ['k', 'previous'],
  ['Enter', 'open'],
  ['a', 'approve'],
  ['r', 'return'],
  ['f', 'forward'],
  ['m', 'remind'],
  ['/', 'search'],
  ['?', 'help'],
  ['Esc', 'close'],
];

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('desk');
  return (
    <div className="desk-overlay" onClick={onClose}>
      <div
        className="panel desk-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="desk-help-title"
        data-testid="shortcut-help"
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="desk-help-title">{t('shortcuts.title')}</h2>
        <dl>
          {KEYS.map(([key, what]) => (
            <div key={key}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{t(`shortcuts.${what}`)}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">{t('shortcuts.note')}</p>
        <button type="button" onClick={onClose} autoFocus>
          {t('common:actions.close')}
        </button>
      </div>
    </div>
  );
}
