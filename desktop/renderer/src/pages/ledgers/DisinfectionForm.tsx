// 餐具消毒: what was disinfected, how and for how long, and by whom.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormShell } from './FormShell';
import { useRecordEntry } from './use-record-entry';

const METHODS = ['heat', 'steam', 'infrared', 'chemical', 'other'] as const;

export function DisinfectionForm() {
  const { t } = useTranslation('ledgers');
  const { submit, saving, error } = useRecordEntry('disinfection');
  const [items, setItems] = useState('');
  const [method, setMethod] = useState<string>('heat');
  const [minutes, setMinutes] = useState('15');
  const [operator, setOperator] = useState('');
  return (
    <FormShell
      kind="disinfection"
      saving={saving}
      error={error}
      onSubmit={() => void submit({ items, method, durationMinutes: Number(minutes), operator })}
    >
      <Field label={t('disinfection.items')}>
        <input value={items} onChange={(event) => setItems(event.target.value)} required maxLength={200} />
      </Field>
      <Field label={t('disinfection.method')}>
        <select value={method} onChange={(event) => setMethod(event.target.value)}>
          {METHODS.map((value) => (
            <option key={value} value={value}>
              {t(`disinfection.methods.${value}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('disinfection.minutes')}>
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={600}
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
          required
        />
      </Field>
      <Field label={t('disinfection.operator')}>
        <input value={operator} onChange={(event) => setOperator(event.target.value)} required maxLength={50} />
      </Field>
    </FormShell>
  );
}
