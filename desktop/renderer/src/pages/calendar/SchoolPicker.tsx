// Finds a school of a county by name (a county has hundreds) and opens its own calendar: the search goes to
// /api/schools as the desk's does, and each match is a button.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchoolSummary } from '../../api/types';
import { SchoolSearchField } from '../../components/SchoolSearchField';
import { useSchoolSearch } from '../../hooks/use-school-search';

export function SchoolPicker({ county, onChoose }: { county: string; onChoose: (school: SchoolSummary) => void }) {
  const { t } = useTranslation('calendar');
  const [search, setSearch] = useState('');
  const searching = search.trim().length > 0;
  const schools = useSchoolSearch({ county, q: search }, searching);
  const page = searching ? schools.data : undefined;
  return (
    <div className="cal-school-picker">
      <SchoolSearchField label={t('school.find')} placeholder={t('school.placeholder')} value={search} onChange={setSearch} />
      {page && (
        <ul className="cal-school-results" data-testid="school-results">
          {page.items.map((school) => (
            <li key={school.id}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  setSearch('');
                  onChoose(school);
                }}
              >
                {school.name}
              </button>
              <span className="cal-muted">{school.address}</span>
            </li>
          ))}
          {page.items.length === 0 && <li className="cal-muted">{t('school.none')}</li>}
          {page.total > page.items.length && <li className="cal-muted">{t('school.more', { count: page.items.length })}</li>}
        </ul>
      )}
    </div>
  );
}
