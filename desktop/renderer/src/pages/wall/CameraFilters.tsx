// The camera list's filters: status, county, school and a name search, all kept in the URL.
import { useTranslation } from 'react-i18next';
import type { JurisdictionNode, SchoolPage } from '../../api/types';
import { useLiveQuery } from '../../hooks/use-live-query';
import { CAMERA_STATUSES, type FilterPatch, type WallFilters } from './use-wall-filters';

interface Props {
  filters: WallFilters;
  counties: JurisdictionNode[];
  onChange: (patch: FilterPatch) => void;
}

export function CameraFilters({ filters, counties, onChange }: Props) {
  const { t } = useTranslation('wall');
  const { t: tc } = useTranslation();
  // Schools are offered once the county is known (a city has over a thousand).
  const county = filters.county ?? (counties.length === 1 ? counties[0]!.code : undefined);
  const schools = useLiveQuery<SchoolPage>('/api/schools', { county, pageSize: 500 }, { enabled: county !== undefined });
  const filtered = Boolean(filters.status || filters.county || filters.school || filters.q);
  return (
    <div className="wall-filters">
      <label>
        {t('list.status')}
        <select value={filters.status ?? ''} onChange={(event) => onChange({ status: event.target.value })}>
          <option value="">{t('list.allStatuses')}</option>
          {CAMERA_STATUSES.map((status) => (
            <option key={status} value={status}>
              {tc(`cameraStatus.${status}`)}
            </option>
          ))}
        </select>
      </label>
      {counties.length > 1 && (
        <label>
          {t('list.county')}
          <select value={filters.county ?? ''} onChange={(event) => onChange({ county: event.target.value, school: undefined })}>
            <option value="">{t('list.allCounties')}</option>
            {counties.map((node) => (
              <option key={node.code} value={node.code}>
                {node.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('list.school')}
        <select
          value={filters.school ?? ''}
          disabled={!county && !filters.school}
          onChange={(event) => onChange({ school: event.target.value })}
        >
          <option value="">{t('list.allSchools')}</option>
          {filters.school && !schools.data?.items.some((school) => school.id === filters.school) && (
            <option value={filters.school}>{filters.school.slice(0, 8)}…</option>
          )}
          {schools.data?.items.map((school) => (
            <option key={school.id} value={school.id}>
              {school.name}
            </option>
          ))}
        </select>
      </label>
      <label className="wall-search">
        {t('list.search')}
        <input
          type="search"
          value={filters.q}
          placeholder={t('list.searchPlaceholder')}
          onChange={(event) => onChange({ q: event.target.value })}
        />
      </label>
      {filtered && (
        <button
          type="button"
          className="link"
          onClick={() => onChange({ status: undefined, county: undefined, school: undefined, q: undefined })}
        >
          {t('list.clear')}
        </button>
      )}
    </div>
  );
}
