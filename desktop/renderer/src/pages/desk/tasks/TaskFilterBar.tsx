// Filters of the task list: whose tasks (all, sent to us, sent by us), county, category, a search over
// title, code and school name, and the school the list was opened for (from a drill-down link).
import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchoolDetail } from '../../../api/types';
import { useDebounced } from '../../../hooks/use-debounced';
import { useLiveQuery } from '../../../hooks/use-live-query';
import { CategoryFilter, CountyFilter } from '../shared/ScopeFilters';
import { BOXES, type Box, type TaskFilters } from './task-filters';

export function TaskFilterBar({
  filters,
  searchRef,
  onChange,
}: {
  filters: TaskFilters;
  searchRef: RefObject<HTMLInputElement | null>;
  onChange: (changes: Partial<Record<'box' | 'county' | 'category' | 'q' | 'school', string | undefined>>) => void;
}) {
  const { t } = useTranslation('desk');
  const [search, setSearch] = useState(filters.q ?? '');
  const settled = useDebounced(search);
  useEffect(() => {
    if ((settled.trim() || undefined) !== filters.q) onChange({ q: settled.trim() || undefined });
    // Only the operator's typing pushes the search into the URL.
  }, [settled]);
  const school = useLiveQuery<SchoolDetail>(`/api/schools/${filters.school}`, undefined, { enabled: Boolean(filters.school) });

  return (
    <div className="desk-filters" role="search" aria-label={t('filters.label')}>
      <label>
        {t('boxes.label')}
        <select value={filters.box} onChange={(event) => onChange({ box: event.target.value as Box })}>
          {BOXES.map((box) => (
            <option key={box} value={box}>
              {t(`boxes.${box}`)}
            </option>
          ))}
        </select>
      </label>
      <CountyFilter value={filters.county} onChange={(county) => onChange({ county })} />
      <CategoryFilter value={filters.category} onChange={(category) => onChange({ category })} />
      <label className="desk-search">
        {t('filters.search')}
        <input
          ref={searchRef}
          type="search"
          value={search}
          placeholder={t('filters.searchPlaceholder')}
          aria-keyshortcuts="/"
          onChange={(event) => setSearch(event.target.value)}
        />
      </label>
      {filters.school && (
        <span className="badge desk-chip">
          {t('filters.school', { name: school.data?.name ?? '…' })}
          <button type="button" className="link" aria-label={t('filters.clearSchool')} onClick={() => onChange({ school: undefined })}>
            ✕
          </button>
        </span>
      )}
    </div>
  );
}
