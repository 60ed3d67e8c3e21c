// 菜谱: the dishes of a meal today, one per line or separated by commas.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EntryForm, MealSelect, TextField, currentMeal } from './FormShell';

export function MenuForm() {
  const { t } = useTranslation('ledgers');
  const [meal, setMeal] = useState(currentMeal);
  const [dishes, setDishes] = useState('');
  const list = dishes
    .split(/[,，、\n]+/)
    .map((dish) => dish.trim())
    .filter(Boolean);
  return (
    <EntryForm kind="menu" canSave={list.length > 0} entry={() => ({ payload: { meals: [{ meal, dishes: list }] } })}>
      <MealSelect value={meal} onChange={setMeal} />
      <TextField label={t('menu.dishes')} rows={4} value={dishes} onChange={setDishes} />
    </EntryForm>
  );
}
