// A county (or, with a school filter, one school) in the camera list: loaded when opened or when a filter
// narrows it, its cameras grouped by school, each school folded unless a filter makes the list short.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../api/client';
import type { Camera } from '../../api/types';
import { bySchool, matchesSearch } from './camera-groups';
import { CameraItem } from './CameraItem';
import { useCameraList } from './use-camera-list';

interface Props {
  title: string;
  /** Cameras under this group in all (from the jurisdiction tree), shown before it is loaded. */
  count?: number;
  query: Query;
  search: string;
  /** Open and load without waiting for a click (one county, or a narrowing filter). */
  forceOpen: boolean;
  onWall: ReadonlySet<string>;
  onPlace: (camera: Camera) => void;
}

/** Schools unfold by themselves when a group lists at most this many. */
const UNFOLD_SCHOOLS = 4;

export function CameraGroup({ title, count, query, search, forceOpen, onWall, onPlace }: Props) {
  const { t } = useTranslation('wall');
  const { t: tc } = useTranslation();
  const [opened, setOpened] = useState(false);
  const open = forceOpen || opened;
  const list = useCameraList(query, open);
  const matching = list.data?.cameras.filter((camera) => matchesSearch(camera, search)) ?? [];
  const schools = bySchool(matching);
  const narrowed = Boolean(search || query.status);
  if (forceOpen && narrowed && list.data && matching.length === 0 && query.county) return null;
  return (
    <li className="camera-group">
      <button type="button" className="camera-group-head" aria-expanded={open} onClick={() => setOpened(!open)}>
        <span>{title}</span>
        <span className="muted">{t('list.cameraCount', { count: list.data ? matching.length : (count ?? 0) })}</span>
      </button>
      {open && (
        <div className="camera-group-body">
          {list.isPending && <div className="muted">{tc('state.loading')}</div>}
          {list.isError && (
            <div className="error" role="alert">
              {tc('state.error', { message: list.error.message })}
            </div>
          )}
          {list.data && matching.length === 0 && <div className="muted">{t('list.noMatch')}</div>}
          {list.data && list.data.total > list.data.cameras.length && (
            <div className="muted">{t('list.truncated', { shown: list.data.cameras.length, total: list.data.total })}</div>
          )}
          <ul className="school-groups">
            {schools.map((group) => (
              <SchoolCameras
                key={group.school.id}
                name={group.school.name}
                cameras={group.cameras}
                unfolded={narrowed || schools.length <= UNFOLD_SCHOOLS}
                onWall={onWall}
                onPlace={onPlace}
              />
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

function SchoolCameras({
  name,
  cameras,
  unfolded,
  onWall,
  onPlace,
}: {
  name: string;
  cameras: Camera[];
  unfolded: boolean;
  onWall: ReadonlySet<string>;
  onPlace: (camera: Camera) => void;
}) {
  const { t } = useTranslation('wall');
  const [toggled, setToggled] = useState<boolean | null>(null);
  const open = toggled ?? unfolded;
  const online = cameras.filter((camera) => camera.status === 'online').length;
  return (
    <li className="school-group">
      <button type="button" className="school-group-head" aria-expanded={open} onClick={() => setToggled(!open)}>
        <span className="school-group-name">{name}</span>
        <span className="muted">{t('list.onlineOf', { online, count: cameras.length })}</span>
      </button>
      {open && (
        <ul className="camera-items">
          {cameras.map((camera) => (
            <CameraItem key={camera.id} camera={camera} onWall={onWall.has(camera.id)} onPlace={onPlace} />
          ))}
        </ul>
      )}
    </li>
  );
}
