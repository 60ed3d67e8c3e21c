// 晨检: who was checked this morning (prefilled with the registered staff) and anyone unfit to handle food.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../hooks/use-live-query';
import { Field, FormShell } from './FormShell';
import type { StaffMember } from './types';
import { useRecordEntry } from './use-record-entry';

const namesOf = (text: string) =>
  text
    .split(/[,，、\s]+/)
    .map((name) => name.trim())
    .filter(Boolean);

export function MorningCheckForm() {
  const { t } = useTranslation('ledgers');
  const staff = useLiveQuery<{ items: StaffMember[] }>('/api/ledgers/staff');
  const { submit, saving, error } = useRecordEntry('morning_check');
  // Prefilled with the registered staff until the manager types.
  const [typed, setTyped] = useState<string | null>(null);
  const [unfit, setUnfit] = useState(false);
  const [unfitName, setUnfitName] = useState('');
  const [symptoms, setSymptoms] = useState('');
  const [action, setAction] = useState('');
  const [note, setNote] = useState('');
  const registered = staff.data?.items.filter((member) => member.active) ?? [];
  const checked = typed ?? registered.map((member) => member.name).join('，');
  const names = namesOf(checked);
  const save = () => {
    const byName = new Map(registered.map((member) => [member.name, member.id]));
    const person = (name: string) => ({ name, ...(byName.has(name) ? { staffId: byName.get(name) } : {}) });
    void submit({
      checked: names.map(person),
      unfit: unfit && unfitName.trim() ? [{ ...person(unfitName.trim()), symptoms, action }] : [],
      ...(note.trim() ? { note } : {}),
    });
  };
  return (
    <FormShell kind="morning_check" saving={saving} error={error} canSave={names.length > 0} onSubmit={save}>
      {staff.isSuccess && registered.length === 0 && <p className="muted">{t('morning.noStaff')}</p>}
      <Field label={t('morning.checked')}>
        <textarea rows={3} value={checked} onChange={(event) => setTyped(event.target.value)} required />
      </Field>
      <label className="ledger-check">
        <input type="checkbox" checked={unfit} onChange={(event) => setUnfit(event.target.checked)} />
        <span>{t('morning.unfitToggle')}</span>
      </label>
      {unfit && (
        <>
          <Field label={t('morning.unfitName')}>
            <input value={unfitName} onChange={(event) => setUnfitName(event.target.value)} required />
          </Field>
          <Field label={t('morning.symptoms')}>
            <input value={symptoms} onChange={(event) => setSymptoms(event.target.value)} required />
          </Field>
          <Field label={t('morning.action')}>
            <input value={action} onChange={(event) => setAction(event.target.value)} required />
          </Field>
        </>
      )}
      <Field label={t('form.note')}>
        <input value={note} onChange={(event) => setNote(event.target.value)} />
      </Field>
    </FormShell>
  );
}
