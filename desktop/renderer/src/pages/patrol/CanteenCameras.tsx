// The canteen's cameras live, each with a snapshot button whose picture goes into the patrol record.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Camera, CameraPage, CapturedSnapshot } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { VideoTile } from '../../components/video/VideoTile';
import { useLiveQuery } from '../../hooks/use-live-query';

interface Props {
  canteenId: string;
  onCaptured: (shot: CapturedSnapshot, camera: Camera) => void;
}

export function CanteenCameras({ canteenId, onCaptured }: Props) {
  const { t } = useTranslation('patrol');
  const cameras = useLiveQuery<CameraPage>('/api/cameras', { canteen: canteenId, pageSize: 64 }, { refreshOn: ['camera.'] });
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const capture = async (camera: Camera) => {
    setBusy(camera.id);
    setFailure(null);
    try {
      onCaptured(await api.post<CapturedSnapshot>(`/api/cameras/${camera.id}/snapshots`), camera);
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="patrol-cameras" aria-label={t('canteen.cameras')}>
      <h3>{t('canteen.cameras')}</h3>
      {failure && (
        <p className="error" role="alert">
          {t('canteen.captureFailed', { message: failure })}
        </p>
      )}
      <QueryState query={cameras} empty={(page) => page.items.length === 0}>
        {(page) => (
          <div className="patrol-camera-grid">
            {page.items.map((camera) => (
              <VideoTile key={camera.id} camera={camera}>
                <button
                  type="button"
                  disabled={busy === camera.id || !camera.connected || camera.status === 'offline'}
                  onClick={() => void capture(camera)}
                >
                  {busy === camera.id ? t('canteen.capturing') : t('canteen.capture')}
                </button>
              </VideoTile>
            ))}
          </div>
        )}
      </QueryState>
    </section>
  );
}
