// 应急直报: an incident reported straight to the county and the city, with photos.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePhotoUploads } from '../school/use-photo-uploads';
import { ChoiceField, EntryForm, EntryPhotos, NumberField, TextField } from './FormShell';
import { EMERGENCY_TYPES } from '../../../../../analytics/ledgers/kinds';
import { fromLocalInput, toLocalInput } from './local-time';

export function EmergencyForm() {
  const { t } = useTranslation('ledgers');
  const photos = usePhotoUploads();
  const [type, setType] = useState<string>('suspected_food_poisoning');
  const [occurredAt, setOccurredAt] = useState(() => toLocalInput(new Date()));
  const [affected, setAffected] = useState('0');
  const [description, setDescription] = useState('');
  const [measures, setMeasures] = useState('');
  const [phone, setPhone] = useState('');
  const entry = () => ({
    payload: {
      type,
      occurredAt: fromLocalInput(occurredAt),
      affected: Number(affected),
      description,
      measures,
      ...(phone.trim() ? { contactPhone: phone } : {}),
    },
    attachmentIds: photos.attachmentIds,
  });
  return (
    <EntryForm kind="emergency_report" canSave={!photos.busy} entry={entry}>
      <p className="school-alert">{t('emergency.notice')}</p>
      <ChoiceField label={t('emergency.type')} value={type} onChange={setType} options={EMERGENCY_TYPES} names="emergency.types" />
      <TextField label={t('emergency.occurredAt')} type="datetime-local" value={occurredAt} onChange={setOccurredAt} />
      <NumberField label={t('emergency.affected')} value={affected} onChange={setAffected} min={0} />
      <TextField label={t('emergency.description')} rows={3} value={description} onChange={setDescription} maxLength={2000} />
      <TextField label={t('emergency.measures')} rows={3} value={measures} onChange={setMeasures} maxLength={2000} />
      <TextField label={t('emergency.phone')} type="tel" value={phone} onChange={setPhone} maxLength={30} required={false} />
      <EntryPhotos uploads={photos} />
    </EntryForm>
  );
}
