// The frame of every ledger form on a phone: its title, a way back, the fields, the error and one big save.
// A form is only its fields: EntryForm saves what the form's `entry` returns (useRecordEntry), and the field
// helpers below draw a labelled control each.
import { createContext, useContext, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PhotoPicker } from '../school/PhotoPicker';
import type { PhotoUploads } from '../school/use-photo-uploads';
import { formWords } from './form-words';
import type { LedgerKind } from './types';
import { useRecordEntry, type NewEntry } from './use-record-entry';

export function FormShell(props: {
  kind: LedgerKind;
  saving: boolean;
  error: string | null;
  canSave?: boolean;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('ledgers');
  const words = formWords(props.kind);
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
          {t(words.failed, { message: props.error })}
        </p>
      )}
      <button type="submit" className="primary big" disabled={props.saving || props.canSave === false}>
        {props.saving ? t(words.busy) : t(words.submit)}
      </button>
    </form>
  );
}

const SavingContext = createContext(false);

/** One ledger entry's form: its fields, and on save the entry they make, recorded once. */
export function EntryForm(props: { kind: LedgerKind; entry: () => NewEntry; canSave?: boolean; children: ReactNode }) {
  const { submit, saving, error } = useRecordEntry(props.kind);
  return (
    <FormShell kind={props.kind} saving={saving} error={error} canSave={props.canSave} onSubmit={() => void submit(props.entry())}>
      <SavingContext.Provider value={saving}>{props.children}</SavingContext.Provider>
    </FormShell>
  );
}

/** Photos of an entry, under an optional heading; the camera is shut while the entry saves. */
export function EntryPhotos({ title, uploads }: { title?: string; uploads: PhotoUploads }) {
  const saving = useContext(SavingContext);
  return (
    <>
      {title && <h2 className="ledger-subtitle">{title}</h2>}
      <PhotoPicker uploads={uploads} disabled={saving} />
    </>
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

interface ValueProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Required unless said otherwise. */
  required?: boolean;
}

/** A line of text (or a time, a phone number); `rows` makes it a text area. */
export function TextField(
  props: ValueProps & { maxLength?: number; rows?: number; type?: 'text' | 'tel' | 'date' | 'datetime-local'; list?: string },
) {
  const common = {
    value: props.value,
    onChange: (event: { target: { value: string } }) => props.onChange(event.target.value),
    required: props.required ?? true,
    maxLength: props.maxLength,
  };
  return (
    <Field label={props.label}>
      {props.rows ? <textarea rows={props.rows} {...common} /> : <input type={props.type ?? 'text'} list={props.list} {...common} />}
    </Field>
  );
}

/** A number typed on the phone's number pad: whole unless `decimal`. */
export function NumberField(props: ValueProps & { min: number; max?: number; decimal?: boolean }) {
  return (
    <Field label={props.label}>
      <input
        type="number"
        inputMode={props.decimal ? 'decimal' : 'numeric'}
        min={props.min}
        max={props.max}
        step={props.decimal ? 'any' : undefined}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        required={props.required ?? true}
      />
    </Field>
  );
}

/** One of a fixed list, each named by its string under `names` (e.g. 'form.meals'). */
export function ChoiceField<T extends string>(props: {
  label: string;
  value: string;
  onChange: (value: T) => void;
  options: readonly T[];
  names: string;
}) {
  const { t } = useTranslation('ledgers');
  return (
    <Field label={props.label}>
      <select value={props.value} onChange={(event) => props.onChange(event.target.value as T)}>
        {props.options.map((option) => (
          <option key={option} value={option}>
            {t(`${props.names}.${option as string}`)}
          </option>
        ))}
      </select>
    </Field>
  );
}

const MEALS = ['breakfast', 'lunch', 'dinner', 'snack'] as const;

export function MealSelect({ value, onChange }: { value: string; onChange: (meal: string) => void }) {
  const { t } = useTranslation('ledgers');
  return <ChoiceField label={t('form.meal')} value={value} onChange={onChange} options={MEALS} names="form.meals" />;
}

/** The meal of this hour in Shanghai: breakfast before 10, lunch before 16, then dinner. */
export function currentMeal(now = new Date()): string {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(now));
  return hour < 10 ? 'breakfast' : hour < 16 ? 'lunch' : 'dinner';
}
