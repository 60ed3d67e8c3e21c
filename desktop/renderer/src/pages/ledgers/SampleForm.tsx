// 留样: one dish of one meal, its weight and when it was taken; kept 48 hours unless said otherwise.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EntryForm, MealSelect, NumberField, TextField, currentMeal } from './FormShell';
import { fromLocalInput, toLocalInput } from './local-time';

export function SampleForm() {
  const { t } = useTranslation('ledgers');
  const [meal, setMeal] = useState(currentMeal);
  const [dish, setDish] = useState('');
  const [weight, setWeight] = useState('125');
  const [collectedAt, setCollectedAt] = useState(() => toLocalInput(new Date()));
  const [hours, setHours] = useState('48');
  const entry = () => {
    const collected = fromLocalInput(collectedAt);
    const until = new Date(Date.parse(collected) + Number(hours) * 3_600_000).toISOString();
    return { payload: { meal, dish, weightGrams: Number(weight), collectedAt: collected, retainedUntil: until } };
  };
  return (
    <EntryForm kind="food_sample" entry={entry}>
      <p className="muted">{t('sample.rule')}</p>
      <MealSelect value={meal} onChange={setMeal} />
      <TextField label={t('sample.dish')} value={dish} onChange={setDish} maxLength={50} />
      <NumberField label={t('sample.weight')} value={weight} onChange={setWeight} min={1} max={5000} decimal />
      <TextField label={t('sample.collectedAt')} type="datetime-local" value={collectedAt} onChange={setCollectedAt} />
      <NumberField label={t('sample.retainedHours')} value={hours} onChange={setHours} min={1} max={240} />
    </EntryForm>
  );
}
