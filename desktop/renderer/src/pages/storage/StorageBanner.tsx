// A banner on every page of an administrator (the province's or a city's) while a relay has stopped recording because its disk is
// nearly full (the storage_low system alert): which relay, how much is free against the floor, and a link to
// the storage page. It goes by itself when the relay records again.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isAdmin as isAdminRole, useSession } from '../../auth/session';
import { formatBytes } from './bytes';
import './storage.css';
import { useStorageOverview } from './use-storage';

export function StorageBanner() {
  const { t } = useTranslation('storage');
  const { user } = useSession();
  const isAdmin = isAdminRole(user?.role);
  const overview = useStorageOverview(isAdmin);
  if (!isAdmin) return null;
  const paused = (overview.data?.relays ?? []).filter((relay) => relay.live && relay.storage?.recordingPaused);
  if (paused.length === 0) return null;
  return (
    <div className="storage-banner" role="alert" data-testid="storage-banner">
      <span className="storage-banner-label">{t('banner.label')}</span>
      <div className="storage-banner-lines">
        {paused.map(({ relayId, storage }) => (
          <p key={relayId}>
            {t('banner.line', {
              relay: t('relay', { id: relayId }),
              free: storage!.freeBytes === null ? t('freeUnknown') : formatBytes(storage!.freeBytes),
              floor: formatBytes(storage!.minFreeBytes),
            })}
          </p>
        ))}
      </div>
      <Link to="/storage">{t('banner.open')}</Link>
    </div>
  );
}
