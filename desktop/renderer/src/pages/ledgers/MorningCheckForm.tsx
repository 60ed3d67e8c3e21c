// 晨检: who was checked this morning (prefilled with the registered staff) and anyone unfit to handle food.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../hooks/use-live-query';
import { EntryForm, TextField } from './FormShell';
import type { StaffMember } from './types';

const namesOf = (text: string) =>
  text
    .split(/[,，、\s]+/)
    .map((name) => name.trim())
    .filter(Boolean);

export function MorningCheckForm() {
  const { t } = useTranslation('ledgers');
  const staff = useLiveQuery<{ items: StaffMember[] }>('/api/ledgers/staff');
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
  const entry = () => {
    const byName = new Map(registered.map((member) => [member.name, member.id]));
    const person = (name: string) => ({ name, ...(byName.has(name) ? { staffId: byName.get(name) } : {}) });
    return {
      payload: {
        checked: names.map(person),
        unfit: unfit && unfitName.trim() ? [{ ...person(unfitName.trim()), symptoms, action }] : [],
        ...(note.trim() ? { note } : {}),
      },
    };
  };
  return (
    <EntryForm kind="morning_check" canSave={names.length > 0} entry={entry}>
      {staff.isSuccess && registered.length === 0 && <p className="muted">{t('morning.noStaff')}</p>}
      <TextField label={t('morning.checked')} rows={3} value={checked} onChange={setTyped} />
      <label className="ledger-check">
        <input type="checkbox" checked={unfit} onChange={(event) => setUnfit(event.target.checked)} />
        <span>{t('morning.unfitToggle')}</span>
      </label>
      {unfit && (
        <>
          <TextField label={t('morning.unfitName')} value={unfitName} onChange={setUnfitName} />
          <TextField label={t('morning.symptoms')} value={symptoms} onChange={setSymptoms} />
          <TextField label={t('morning.action')} value={action} onChange={setAction} />
        </>
      )}
      <TextField label={t('form.note')} value={note} onChange={setNote} required={false} />
    </EntryForm>
  );
}
