// One register of the school (staff or suppliers): who is on it with the certificate or licence each holds
// and until when, a date to renew it in place, a button to take someone off (kept, marked inactive), and a
// form to add one. Every write carries the row's version, so two phones editing at once cannot overwrite.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { shanghaiToday } from '../../format/time';
import { useLiveQuery } from '../../hooks/use-live-query';
import { TextField } from './FormShell';

interface RegisterRow {
  id: string;
  name: string;
  active: boolean;
  version: number;
}

export interface RegisterField<T> {
  key: keyof T & string;
  /** Its label's key in the ledger strings. */
  label: string;
  type?: 'text' | 'date';
  maxLength?: number;
  required?: boolean;
}

export interface RegisterSpec<T extends RegisterRow> {
  testId: string;
  path: string;
  title: string;
  none: string;
  add: string;
  fields: RegisterField<T>[];
  /** The date a row's certificate or licence runs out. */
  expiryKey: keyof T & string;
  /** What follows a row's name: position, number. */
  describe: (row: T) => string[];
  /** The label of the button taking a row off the register (default: 离岗). */
  ended?: string;
}

/** Runs a write, refreshes the registers, and reports a failure in words. */
function useWrite() {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const run = async (write: () => Promise<unknown>) => {
    setError(null);
    try {
      await write();
      await client.invalidateQueries();
      return true;
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
      return false;
    }
  };
  return { run, error };
}

function Expiry({ date }: { date: string | null }) {
  const { t } = useTranslation('ledgers');
  const expired = !date || date < shanghaiToday();
  return (
    <span className={expired ? 'rate-bad' : 'school-ok'}>
      {date ? `${date}${expired ? ` · ${t('staff.expired')}` : ''}` : t('staff.expired')}
    </span>
  );
}

/** The new row's fields as the API takes them: blank optional fields are left out. */
function bodyOf<T>(fields: RegisterField<T>[], values: Record<string, string>): Record<string, string> {
  const body: Record<string, string> = {};
  for (const { key } of fields) {
    const value = values[key]?.trim() ?? '';
    if (value !== '') body[key] = value;
  }
  return body;
}

export function Register<T extends RegisterRow>({ spec }: { spec: RegisterSpec<T> }) {
  const { t } = useTranslation('ledgers');
  const rows = useLiveQuery<{ items: T[] }>(spec.path, undefined, { refreshOn: ['ledger.'] });
  const { run, error } = useWrite();
  const [values, setValues] = useState<Record<string, string>>({});
  const update = (row: T, change: Record<string, unknown>) =>
    void run(() => api.patch(`${spec.path}/${row.id}`, { version: row.version, ...change }));
  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(() => api.post(spec.path, bodyOf(spec.fields, values))).then((ok) => ok && setValues({}));
  };
  const active = rows.data?.items.filter((row) => row.active) ?? [];
  return (
    <section className="ledger-card" data-testid={spec.testId}>
      <h2 className="ledger-subtitle">{t(spec.title)}</h2>
      {rows.isSuccess && active.length === 0 && <p className="muted">{t(spec.none)}</p>}
      <ul className="ledger-entries">
        {active.map((row) => {
          const expiry = row[spec.expiryKey] as string | null;
          return (
            <li key={row.id} data-row={row.id}>
              <strong>{row.name}</strong> {spec.describe(row).join(' · ')} · <Expiry date={expiry} />
              <div className="ledger-row">
                <input
                  type="date"
                  aria-label={`${t('staff.renew')} ${row.name}`}
                  defaultValue={expiry ?? ''}
                  onChange={(event) => event.target.value && update(row, { [spec.expiryKey]: event.target.value })}
                />
                <button type="button" onClick={() => update(row, { active: false })}>
                  {t(spec.ended ?? 'staff.leave')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <form className="ledger-form" onSubmit={add}>
        {spec.fields.map((field) => (
          <TextField
            key={field.key}
            label={t(field.label)}
            type={field.type}
            value={values[field.key] ?? ''}
            onChange={(value) => setValues((current) => ({ ...current, [field.key]: value }))}
            required={field.required ?? false}
            maxLength={field.maxLength}
          />
        ))}
        {error && (
          <p className="school-alert" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          {t(spec.add)}
        </button>
      </form>
    </section>
  );
}
