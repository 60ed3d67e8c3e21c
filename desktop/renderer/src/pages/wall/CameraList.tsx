// The side list of the wall: the cameras in the user's jurisdiction, county → school → camera, with their
// live health and the filters of the URL contract. A county's cameras load when it is opened; a status or a
// search opens every county, each asking the server for its matches only.
import { useTranslation } from 'react-i18next';
import type { Camera, JurisdictionTree } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { useDebounced } from '../../hooks/use-debounced';
import { useLiveQuery } from '../../hooks/use-live-query';
import { countiesOf } from './camera-groups';
import { CameraFilters } from './CameraFilters';
import { CameraGroup } from './CameraGroup';
import type { FilterPatch, WallFilters } from './use-wall-filters';

interface Props {
  filters: WallFilters;
  onFilter: (patch: FilterPatch) => void;
  onWall: ReadonlySet<string>;
  onPlace: (camera: Camera) => void;
}

export function CameraList({ filters, onFilter, onWall, onPlace }: Props) {
  const { t } = useTranslation('wall');
  const tree = useLiveQuery<JurisdictionTree>('/api/jurisdictions');
  // The server searches (a city's counties hold ten thousand cameras): asked once typing pauses.
  const q = useDebounced(filters.q.trim()) || undefined;
  return (
    <aside className="wall-sidebar" aria-label={t('list.title')}>
      <h2>{t('list.title')}</h2>
      <QueryState query={tree}>
        {(data) => {
          const counties = countiesOf(data.root);
          const shown = filters.county ? counties.filter((county) => county.code === filters.county) : counties;
          const narrowing = Boolean(filters.status || q);
          return (
            <>
              <CameraFilters filters={filters} counties={counties} onChange={onFilter} />
              <ul className="camera-groups">
                {filters.school ? (
                  <CameraGroup
                    title={t('list.school')}
                    query={{ school: filters.school, status: filters.status, q }}
                    search={filters.q}
                    forceOpen
                    onWall={onWall}
                    onPlace={onPlace}
                  />
                ) : (
                  shown.map((county) => (
                    <CameraGroup
                      key={county.code}
                      title={county.name}
                      count={county.cameraCount}
                      query={{ county: county.code, status: filters.status, q }}
                      search={filters.q}
                      forceOpen={shown.length === 1 || narrowing}
                      onWall={onWall}
                      onPlace={onPlace}
                    />
                  ))
                )}
              </ul>
              {shown.length > 1 && !narrowing && <p className="muted">{t('list.expandHint')}</p>}
            </>
          );
        }}
      </QueryState>
    </aside>
  );
}
