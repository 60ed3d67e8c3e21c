// The ? overlay: every shortcut of the desk in one list, by where it works.
import { useTranslation } from 'react-i18next';

const GROUPS: Array<[string, Array<[string, string]>]> = [
  [
    'everywhere',
    [
      ['j', 'next'],
      ['k', 'previous'],
      ['Enter', 'open'],
      ['/', 'search'],
      ['?', 'help'],
      ['Esc', 'close'],
    ],
  ],
  [
    'tasks',
    [
      ['a', 'approve'],
      ['r', 'return'],
      ['f', 'forward'],
      ['m', 'remind'],
    ],
  ],
  [
    'alerts',
    [
      ['x', 'choose'],
      ['Shift+X', 'chooseRange'],
      ['Shift+A', 'chooseAll'],
      ['Shift+C', 'confirmChosen'],
      ['Shift+D', 'dismissChosen'],
    ],
  ],
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
        {GROUPS.map(([group, keys]) => (
          <section key={group} aria-label={t(`shortcuts.groups.${group}`)}>
            <h3>{t(`shortcuts.groups.${group}`)}</h3>
            <dl>
              {keys.map(([key, what]) => (
                <div key={key}>
                  <dt>
                    <kbd>{key}</kbd>
                  </dt>
                  <dd>{t(`shortcuts.${what}`)}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <p className="muted">{t('shortcuts.note')}</p>
        <button type="button" onClick={onClose} autoFocus>
          {t('common:actions.close')}
        </button>
      </div>
    </div>
  );
}
