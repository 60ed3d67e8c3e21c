// The patrol checklist by section, and a shortcut for the points that need no comment.
import { useTranslation } from 'react-i18next';
import type { Checklist } from '../../api/types';
import { ChecklistItemRow } from './ChecklistItemRow';
import type { PatrolForm } from './use-patrol-form';

export function ChecklistForm({ checklist, form }: { checklist: Checklist; form: PatrolForm }) {
  const { t } = useTranslation('patrol');
  return (
    <section className="patrol-checklist" aria-label={t('checklist.title')}>
      <header>
        <h3>{checklist.name}</h3>
        <button type="button" disabled={form.unanswered === 0} onClick={form.passRest}>
          {t('checklist.restPass')}
        </button>
      </header>
      {checklist.content.sections.map((section) => (
        <div key={section.code} className="checklist-section">
          <h4>{section.title}</h4>
          {section.items.map((item) => (
            <ChecklistItemRow key={item.code} item={item} form={form} />
          ))}
        </div>
      ))}
    </section>
  );
}
