// The county and category selects of the desk's list filters; blank means all (undefined to onChange).
import { useTranslation } from 'react-i18next';
import { CountySelect } from '../../../components/CountySelect';
import { useCounties } from '../../../hooks/use-counties';
import { useCategories } from '../../../hooks/use-categories';

/** Shown only when the operator's scope holds more than one county. */
export function CountyFilter({ value, onChange }: { value: string | undefined; onChange: (county: string | undefined) => void }) {
  const { t } = useTranslation('desk');
  const counties = useCounties();
  if (counties.length <= 1) return null;
  return (
    <CountySelect
      label={t('filters.county')}
      blank={t('filters.allCounties')}
      counties={counties}
      value={value ?? ''}
      onChange={(county) => onChange(county || undefined)}
    />
  );
}

export function CategoryFilter({ value, onChange }: { value: string | undefined; onChange: (category: string | undefined) => void }) {
  const { t } = useTranslation('desk');
  const { items: categories, nameOf } = useCategories();
  return (
    <label>
      {t('filters.category')}
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">{t('filters.allCategories')}</option>
        {categories.map((category) => (
          <option key={category.code} value={category.code}>
            {nameOf(category.code)}
          </option>
        ))}
      </select>
    </label>
  );
}
