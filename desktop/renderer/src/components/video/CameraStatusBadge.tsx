// A camera's health as a coloured badge: green online, red offline, amber for a picture fault.
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../api/types';

export const statusTone = (status: Camera['status']): 'ok' | 'bad' | 'warn' | '' =>
  status === 'online' ? 'ok' : status === 'offline' ? 'bad' : status === 'unknown' ? '' : 'warn';

export function CameraStatusBadge({ status }: { status: Camera['status'] }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${statusTone(status)}`} data-status={status}>
      {t(`cameraStatus.${status}`)}
    </span>
  );
}
