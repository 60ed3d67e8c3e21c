// One camera in the list: its health and name; click (or Enter) puts it on the next free tile, and it can be
// dragged onto any tile.
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../api/types';
import { CameraStatusBadge } from '../../components/video/CameraStatusBadge';
import { dragCamera } from './camera-drag';

interface Props {
  camera: Camera;
  onWall: boolean;
  onPlace: (camera: Camera) => void;
}

export function CameraItem({ camera, onWall, onPlace }: Props) {
  const { t } = useTranslation('wall');
  return (
    <li>
      <button
        type="button"
        className={`camera-item ${onWall ? 'on-wall' : ''}`}
        draggable
        title={t('list.placeHint')}
        data-testid="wall-camera"
        data-camera={camera.id}
        data-status={camera.status}
        onDragStart={(event) => dragCamera(event, camera)}
        onClick={() => onPlace(camera)}
      >
        <CameraStatusBadge status={camera.status} />
        <span className="camera-item-name">{camera.name}</span>
        {onWall && <span className="camera-item-mark">{t('list.onWall')}</span>}
      </button>
    </li>
  );
}
