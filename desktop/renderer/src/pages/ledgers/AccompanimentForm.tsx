// 陪餐: a school leader or a parent ate with the pupils, and what they said about the meal.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormShell, MealSelect, currentMeal } from './FormShell';
import { useRecordEntry } from './use-record-entry';

const ROLES = ['leader', 'parent', 'teacher', 'other'] as const;

export function AccompanimentForm() {
  const { t } = useTranslation('ledgers');
  const { submit, saving, error } = useRecordEntry('meal_accompaniment');
  const [meal, setMeal] = useState(currentMeal);
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>('leader');
  const [comments, setComments] = useState('');
  return (
    <FormShell
      kind="meal_accompaniment"
      saving={saving}
      error={error}
      onSubmit={() => void submit({ meal, companions: [{ name, role }], comments })}
    >
      <MealSelect value={meal} onChange={setMeal} />
      <Field label={t('accompaniment.name')}>
        <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={50} />
      </Field>
      <Field label={t('accompaniment.role')}>
        <select value={role} onChange={(event) => setRole(event.target.value)}>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {t(`accompaniment.roles.${value}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('accompaniment.comments')}>
        <textarea rows={3} value={comments} onChange={(event) => setComments(event.target.value)} required maxLength={2000} />
      </Field>
    </FormShell>
  );
}
