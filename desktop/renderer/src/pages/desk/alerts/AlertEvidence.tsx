// An alert's video: its evidence clip (cut from the recording a few seconds either side of the first
// detection, kept with the alert), and links to the camera live on the wall and to its recording at the
// alert's time in the wall's playback.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Alert } from '../../../api/types';

export const liveLink = (cameraId: string) => `/wall?${new URLSearchParams({ cameras: cameraId })}`;
export const recordingLink = (cameraId: string, at: string) =>
  `/wall?${new URLSearchParams({ cameras: cameraId, playback: cameraId, at })}`;

export function AlertEvidence({ alert }: { alert: Alert }) {
  const { t } = useTranslation('desk');
  const camera = alert.camera;
  if (!camera) return null;
  return (
    <section className="desk-evidence" aria-label={t('evidence.title')}>
      {alert.clip && <ClipView clip={alert.clip} />}
      <p className="desk-evidence-links">
        <Link to={liveLink(camera.id)} data-testid="alert-live-link">
          {t('evidence.live')}
        </Link>
        <Link to={recordingLink(camera.id, alert.firstSeenAt)} data-testid="alert-recording-link">
          {t('evidence.recording')}
        </Link>
      </p>
    </section>
  );
}

function ClipView({ clip }: { clip: NonNullable<Alert['clip']> }) {
  const { t } = useTranslation('desk');
  // A pending clip shows once cut: the server announces it (alert.clip_updated) and the detail pane refetches.
  if (clip.status === 'ready' && clip.url) {
    return (
      <figure className="desk-evidence-clip">
        <video src={clip.url} controls muted playsInline preload="metadata" data-testid="alert-clip" />
        <figcaption className="muted">
          {t('evidence.title')}
          {clip.seconds !== undefined && ` · ${t('evidence.seconds', { seconds: clip.seconds })}`}
        </figcaption>
      </figure>
    );
  }
  return (
    <p className="muted" data-testid="alert-clip-state" data-status={clip.status}>
      {t(`evidence.${clip.status === 'ready' ? 'pending' : clip.status}`)}
    </p>
  );
}
