// 餐具消毒: what was disinfected, how and for how long, and by whom.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceField, EntryForm, NumberField, TextField } from './FormShell';

const METHODS = ['heat', 'steam', 'infrared', 'chemical', 'other'] as const;

export function DisinfectionForm() {
  const { t } = useTranslation('ledgers');
  const [items, setItems] = useState('');
  const [method, setMethod] = useState<string>('heat');
  const [minutes, setMinutes] = useState('15');
  const [operator, setOperator] = useState('');
  return (
    <EntryForm kind="disinfection" entry={() => ({ payload: { items, method, durationMinutes: Number(minutes), operator } })}>
      <TextField label={t('disinfection.items')} value={items} onChange={setItems} maxLength={200} />
      <ChoiceField label={t('disinfection.method')} value={method} onChange={setMethod} options={METHODS} names="disinfection.methods" />
      <NumberField label={t('disinfection.minutes')} value={minutes} onChange={setMinutes} min={1} max={600} />
      <TextField label={t('disinfection.operator')} value={operator} onChange={setOperator} maxLength={50} />
    </EntryForm>
  );
}
