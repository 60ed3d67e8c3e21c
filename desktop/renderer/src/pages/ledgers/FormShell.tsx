// The frame of every ledger form on a phone: its title, a way back, the fields, the error and one big save.
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LedgerKind } from './types';

export function FormShell(props: {
  kind: LedgerKind;
  saving: boolean;
  error: string | null;
  canSave?: boolean;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('ledgers');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <form className="ledger-form" onSubmit={submit} data-testid={`ledger-form-${props.kind}`}>
      <Link to="/ledgers" className="ledger-back">
        ‹ {t('form.back')}
      </Link>
      <h1 className="school-title">{t(`record.${props.kind}`)}</h1>
      {props.children}
      {props.error && (
        <p className="school-alert" role="alert">
          {t('form.failed', { message: props.error })}
        </p>
      )}
      <button type="submit" className="primary big" disabled={props.saving || props.canSave === false}>
        {props.saving ? t('form.saving') : t('form.save')}
      </button>
    </form>
  );
}

/** A labelled field: the label wraps its control, so the control is named by it. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="ledger-field">
      <span>{label}</span>
      {children}
    </label>
  );
}

export function MealSelect({ value, onChange }: { value: string; onChange: (meal: string) => void }) {
  const { t } = useTranslation('ledgers');
  return (
    <Field label={t('form.meal')}>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {(['breakfast', 'lunch', 'dinner', 'snack'] as const).map((meal) => (
          <option key={meal} value={meal}>
            {t(`form.meals.${meal}`)}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The meal of this hour in Shanghai: breakfast before 10, lunch before 16, then dinner. */
export function currentMeal(now = new Date()): string {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(now));
  return hour < 10 ? 'breakfast' : hour < 16 ? 'lunch' : 'dinner';
}
