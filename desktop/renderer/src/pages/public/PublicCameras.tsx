// The cameras a school has marked public, live, through the public ticket route (no login). The public
// listing carries each camera's health but not whether a relay pulls it; a camera whose health was never
// reported is not tried.
import { useTranslation } from 'react-i18next';
import type { PublicSchoolDetail } from '../../api/types';
import { VideoTile } from '../../components/video/VideoTile';

export function PublicCameras({ cameras }: { cameras: PublicSchoolDetail['cameras'] }) {
  const { t } = useTranslation('public');
  const { t: tc } = useTranslation();
  if (cameras.length === 0) return <p className="muted">{t('school.noCameras')}</p>;
  return (
    <ul className="public-cameras">
      {cameras.map((camera) => (
        <li key={camera.id} data-testid="public-camera">
          <VideoTile
            publicView
            camera={{
              id: camera.id,
              name: `${camera.name} · ${tc(`areas.${camera.area}`)}`,
              status: camera.status,
              connected: camera.status !== 'unknown',
            }}
          />
        </li>
      ))}
    </ul>
  );
}
