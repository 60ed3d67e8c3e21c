// 留样: one dish of one meal, its weight and when it was taken; kept 48 hours unless said otherwise.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormShell, MealSelect, currentMeal } from './FormShell';
import { fromLocalInput, toLocalInput } from './local-time';
import { useRecordEntry } from './use-record-entry';

export function SampleForm() {
  const { t } = useTranslation('ledgers');
  const { submit, saving, error } = useRecordEntry('food_sample');
  const [meal, setMeal] = useState(currentMeal);
  const [dish, setDish] = useState('');
  const [weight, setWeight] = useState('125');
  const [collectedAt, setCollectedAt] = useState(() => toLocalInput(new Date()));
  const [hours, setHours] = useState('48');
  const save = () => {
    const collected = fromLocalInput(collectedAt);
    const until = new Date(Date.parse(collected) + Number(hours) * 3_600_000).toISOString();
    void submit({ meal, dish, weightGrams: Number(weight), collectedAt: collected, retainedUntil: until });
  };
  return (
    <FormShell kind="food_sample" saving={saving} error={error} onSubmit={save}>
      <p className="muted">{t('sample.rule')}</p>
      <MealSelect value={meal} onChange={setMeal} />
      <Field label={t('sample.dish')}>
        <input value={dish} onChange={(event) => setDish(event.target.value)} required maxLength={50} />
      </Field>
      <Field label={t('sample.weight')}>
        <input
          type="number"
          inputMode="decimal"
          min={1}
          max={5000}
          value={weight}
          onChange={(event) => setWeight(event.target.value)}
          required
        />
      </Field>
      <Field label={t('sample.collectedAt')}>
        <input type="datetime-local" value={collectedAt} onChange={(event) => setCollectedAt(event.target.value)} required />
      </Field>
      <Field label={t('sample.retainedHours')}>
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={240}
          value={hours}
          onChange={(event) => setHours(event.target.value)}
          required
        />
      </Field>
    </FormShell>
  );
}
