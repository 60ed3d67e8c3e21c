// 每周自查: the school answers the inspection checklist (the same items the inspectors use).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../hooks/use-live-query';
import { Field, FormShell } from './FormShell';
import { useRecordEntry } from './use-record-entry';

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
  const { submit, saving, error } = useRecordEntry('self_inspection');
  const [results, setResults] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const checklist = lists.data?.items.find((list) => list.kind === 'inspection');
  const items = checklist?.content.sections.flatMap((section) => section.items) ?? [];
  const save = () =>
    void submit({
      checklistId: checklist!.id,
      answers: items.map((item) => ({ item: item.code, result: results[item.code] ?? 'pass' })),
      ...(note.trim() ? { note } : {}),
    });
  return (
    <FormShell kind="self_inspection" saving={saving} error={error} canSave={!!checklist} onSubmit={save}>
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
      <Field label={t('form.note')}>
        <textarea rows={2} value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} />
      </Field>
    </FormShell>
  );
}
