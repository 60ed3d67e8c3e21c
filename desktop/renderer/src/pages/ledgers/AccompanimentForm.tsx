// 陪餐: a school leader or a parent ate with the pupils, and what they said about the meal.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceField, EntryForm, MealSelect, TextField, currentMeal } from './FormShell';

const ROLES = ['leader', 'parent', 'teacher', 'other'] as const;

export function AccompanimentForm() {
  const { t } = useTranslation('ledgers');
  const [meal, setMeal] = useState(currentMeal);
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>('leader');
  const [comments, setComments] = useState('');
  return (
    <EntryForm kind="meal_accompaniment" entry={() => ({ payload: { meal, companions: [{ name, role }], comments } })}>
      <MealSelect value={meal} onChange={setMeal} />
      <TextField label={t('accompaniment.name')} value={name} onChange={setName} maxLength={50} />
      <ChoiceField label={t('accompaniment.role')} value={role} onChange={setRole} options={ROLES} names="accompaniment.roles" />
      <TextField label={t('accompaniment.comments')} rows={3} value={comments} onChange={setComments} maxLength={2000} />
    </EntryForm>
  );
}
