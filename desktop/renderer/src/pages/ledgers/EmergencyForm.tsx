// 应急直报: an incident reported straight to the county and the city, with photos.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PhotoPicker } from '../school/PhotoPicker';
import { usePhotoUploads } from '../school/use-photo-uploads';
import { Field, FormShell } from './FormShell';
import { fromLocalInput, toLocalInput } from './local-time';
import { useRecordEntry } from './use-record-entry';

const TYPES = ['suspected_food_poisoning', 'foreign_matter', 'spoiled_food', 'facility_failure', 'other'] as const;

export function EmergencyForm() {
  const { t } = useTranslation('ledgers');
  const { submit, saving, error } = useRecordEntry('emergency_report');
  const photos = usePhotoUploads();
  const [type, setType] = useState<string>('suspected_food_poisoning');
  const [occurredAt, setOccurredAt] = useState(() => toLocalInput(new Date()));
  const [affected, setAffected] = useState('0');
  const [description, setDescription] = useState('');
  const [measures, setMeasures] = useState('');
  const [phone, setPhone] = useState('');
  const save = () =>
    void submit(
      {
        type,
        occurredAt: fromLocalInput(occurredAt),
        affected: Number(affected),
        description,
        measures,
        ...(phone.trim() ? { contactPhone: phone } : {}),
      },
      photos.attachmentIds,
    );
  return (
    <FormShell kind="emergency_report" saving={saving} error={error} canSave={!photos.busy} onSubmit={save}>
      <p className="school-alert">{t('emergency.notice')}</p>
      <Field label={t('emergency.type')}>
        <select value={type} onChange={(event) => setType(event.target.value)}>
          {TYPES.map((value) => (
            <option key={value} value={value}>
              {t(`emergency.types.${value}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('emergency.occurredAt')}>
        <input type="datetime-local" value={occurredAt} onChange={(event) => setOccurredAt(event.target.value)} required />
      </Field>
      <Field label={t('emergency.affected')}>
        <input type="number" inputMode="numeric" min={0} value={affected} onChange={(event) => setAffected(event.target.value)} required />
      </Field>
      <Field label={t('emergency.description')}>
        <textarea rows={3} value={description} onChange={(event) => setDescription(event.target.value)} required maxLength={2000} />
      </Field>
      <Field label={t('emergency.measures')}>
        <textarea rows={3} value={measures} onChange={(event) => setMeasures(event.target.value)} required maxLength={2000} />
      </Field>
      <Field label={t('emergency.phone')}>
        <input type="tel" value={phone} onChange={(event) => setPhone(event.target.value)} maxLength={30} />
      </Field>
      <PhotoPicker uploads={photos} disabled={saving} />
    </FormShell>
  );
}
