// 每周自查: the school answers the inspection checklist (the same items the inspectors use).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../hooks/use-live-query';
import { EntryForm, TextField } from './FormShell';

interface Checklist {
  id: string;
  kind: string;
  name: string;
  content: { sections: Array<{ code: string; title: string; items: Array<{ code: string; text: string; key: boolean }> }> };
}

const RESULTS = ['pass', 'fail', 'na'] as const;

export function SelfInspectionForm() {
  const { t } = useTranslation('ledgers');
  const lists = useLiveQuery<{ items: Checklist[] }>('/api/checklists');
  const [results, setResults] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const checklist = lists.data?.items.find((list) => list.kind === 'inspection');
  const items = checklist?.content.sections.flatMap((section) => section.items) ?? [];
  const entry = () => ({
    payload: {
      checklistId: checklist!.id,
      answers: items.map((item) => ({ item: item.code, result: results[item.code] ?? 'pass' })),
      ...(note.trim() ? { note } : {}),
    },
  });
  return (
    <EntryForm kind="self_inspection" canSave={!!checklist} entry={entry}>
      {!checklist && <p className="muted">{t('inspection.loading')}</p>}
      {checklist?.content.sections.map((section) => (
        <fieldset key={section.code} className="ledger-section">
          <legend>{section.title}</legend>
          {section.items.map((item) => (
            <div key={item.code} className="ledger-item">
              <p>
                {item.code} {item.text}
              </p>
              <div className="ledger-choices" role="radiogroup" aria-label={item.code}>
                {RESULTS.map((result) => (
                  <label key={result}>
                    <input
                      type="radio"
                      name={`item-${item.code}`}
                      checked={(results[item.code] ?? 'pass') === result}
                      onChange={() => setResults((current) => ({ ...current, [item.code]: result }))}
                    />
                    {t(`inspection.results.${result}`)}
                  </label>
                ))}
              </div>
            </div>
          ))}
        </fieldset>
      ))}
      <TextField label={t('form.note')} rows={2} value={note} onChange={setNote} maxLength={2000} required={false} />
    </EntryForm>
  );
}
