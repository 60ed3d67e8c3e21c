// Chooses the canteen a channel is bound to: a school found by search among the schools of the device's
// county (as the desk and the calendar find one), then one of its canteens, the only one chosen at once.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchoolDetail } from '../../api/types';
import { SchoolSearchField } from '../../components/SchoolSearchField';
import { useLiveQuery } from '../../hooks/use-live-query';
import { useSchoolSearch } from '../../hooks/use-school-search';

export function CanteenPicker({
  county,
  canteenId,
  onChange,
}: {
  /** The county's 6-digit code, or undefined for every school in scope. */
  county: string | undefined;
  canteenId: string;
  onChange: (canteenId: string) => void;
}) {
  const { t } = useTranslation('devices');
  const [search, setSearch] = useState('');
  const [schoolId, setSchoolId] = useState('');
  const schools = useSchoolSearch({ county, q: search });
  const school = useLiveQuery<SchoolDetail>(`/api/schools/${schoolId}`, undefined, { enabled: schoolId !== '' });
  const canteens = schoolId && school.data?.id === schoolId ? school.data.canteens : [];
  // The chosen school stays a choice while a new search no longer lists it.
  const found = schools.data?.items ?? [];
  const options = school.data && schoolId === school.data.id && !found.some((one) => one.id === schoolId) ? [school.data, ...found] : found;
  const only = canteens.length === 1 ? canteens[0]!.id : '';
  useEffect(() => {
    if (only) onChange(only);
  }, [only, onChange]);

  return (
    <>
      <SchoolSearchField
        label={t('bind.findSchool')}
        placeholder={t('bind.findSchoolPlaceholder')}
        value={search}
        onChange={setSearch}
        autoFocus
      />
      <label>
        {t('bind.school')}
        <select
          value={schoolId}
          required
          onChange={(event) => {
            setSchoolId(event.target.value);
            onChange('');
          }}
        >
          <option value="">{t('bind.chooseSchool')}</option>
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}（{option.county.name}）
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('bind.canteen')}
        <select value={canteenId} required disabled={canteens.length === 0} onChange={(event) => onChange(event.target.value)}>
          <option value="">{schoolId && school.data && canteens.length === 0 ? t('bind.noCanteen') : t('bind.chooseCanteen')}</option>
          {canteens.map((canteen) => (
            <option key={canteen.id} value={canteen.id}>
              {canteen.name}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
