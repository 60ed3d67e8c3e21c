// 菜谱: the dishes of a meal today, one per line or separated by commas.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormShell, MealSelect, currentMeal } from './FormShell';
import { useRecordEntry } from './use-record-entry';

export function MenuForm() {
  const { t } = useTranslation('ledgers');
  const { submit, saving, error } = useRecordEntry('menu');
  const [meal, setMeal] = useState(currentMeal);
  const [dishes, setDishes] = useState('');
  const list = dishes
    .split(/[,，、\n]+/)
    .map((dish) => dish.trim())
    .filter(Boolean);
  return (
    <FormShell
      kind="menu"
      saving={saving}
      error={error}
      canSave={list.length > 0}
      onSubmit={() => void submit({ meals: [{ meal, dishes: list }] })}
    >
      <MealSelect value={meal} onChange={setMeal} />
      <Field label={t('menu.dishes')}>
        <textarea rows={4} value={dishes} onChange={(event) => setDishes(event.target.value)} required />
      </Field>
    </FormShell>
  );
}
