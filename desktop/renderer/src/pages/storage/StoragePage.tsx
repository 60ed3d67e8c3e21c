// 录像存储 (#/storage), for the city administrator: each stream relay that may record the city's cameras,
// with what its recordings take against the budget (RECORDINGS_MAX_GB), the free disk against the floor
// (RECORDINGS_MIN_FREE_GB), whether it records, and the oldest recording it keeps.
import { useTranslation } from 'react-i18next';
import type { ClipStorage, RelayStorage } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, formatPercent } from '../../format/time';
import { formatBytes } from './bytes';
import './storage.css';
import { useStorageOverview } from './use-storage';

function RelayPanel({ relay }: { relay: RelayStorage }) {
  const { t } = useTranslation('storage');
  const { storage } = relay;
  const used = storage?.usedBytes ?? null;
  const share = storage && used !== null && storage.budgetBytes > 0 ? used / storage.budgetBytes : 0;
  return (
    <section className="panel storage-relay" data-testid="storage-relay" data-relay={relay.relayId}>
      <h2>
        {t('relay', { id: relay.relayId })}{' '}
        <span className={`badge ${relay.live ? 'ok' : 'bad'}`}>
          {relay.live ? t('live') : t('gone', { time: formatDateTime(relay.lastSeenAt) })}
        </span>{' '}
        {storage && (
          <span className={`badge ${storage.recordingPaused ? 'bad' : 'ok'}`} data-testid="recording-state">
            {storage.recordingPaused ? t('paused', { time: formatDateTime(storage.pausedSince ?? storage.checkedAt) }) : t('recording')}
          </span>
        )}
      </h2>
      {!storage ? (
        <p className="muted">{t('noReport')}</p>
      ) : (
        <dl className="storage-figures">
          <dt>{t('used')}</dt>
          <dd>
            {used === null ? (
              <span className="muted" data-testid="storage-used">
                {t('counting', { budget: formatBytes(storage.budgetBytes) })}
              </span>
            ) : (
              <>
                <meter min={0} max={1} low={0.8} high={0.95} optimum={0} value={Math.min(1, share)} />{' '}
                <span data-testid="storage-used">
                  {t('usedValue', { used: formatBytes(used), budget: formatBytes(storage.budgetBytes), percent: formatPercent(share, 0) })}
                </span>
              </>
            )}
          </dd>
          <dt>{t('free')}</dt>
          <dd data-testid="storage-free">
            {storage.freeBytes === null
              ? t('freeUnknown')
              : t('freeValue', { free: formatBytes(storage.freeBytes), floor: formatBytes(storage.minFreeBytes) })}
            {storage.recordingPaused && <span className="muted"> · {t('resume', { resume: formatBytes(storage.resumeFreeBytes) })}</span>}
          </dd>
          <dt>{t('oldest')}</dt>
          <dd>{storage.oldestRecordingAt ? formatDateTime(storage.oldestRecordingAt) : t('none')}</dd>
          <dt>{t('cameras')}</dt>
          <dd>{t('camerasValue', { count: relay.cameraCount })}</dd>
          <dt>{t('checkedAt')}</dt>
          <dd>{formatDateTime(storage.checkedAt)}</dd>
        </dl>
      )}
    </section>
  );
}

/** The alerts' evidence clips: kept with their alerts, not pruned with the recordings, within their own budget. */
function ClipsPanel({ clips }: { clips: ClipStorage }) {
  const { t } = useTranslation('storage');
  const share = clips.usedBytes / clips.budgetBytes;
  const full = clips.usedBytes >= clips.budgetBytes;
  return (
    <section className="panel storage-relay" data-testid="storage-clips">
      <h2>
        {t('clips.title')} <span className={`badge ${full ? 'bad' : 'ok'}`}>{full ? t('clips.full') : t('clips.cutting')}</span>
      </h2>
      <dl className="storage-figures">
        <dt>{t('clips.used')}</dt>
        <dd>
          <meter min={0} max={1} low={0.8} high={0.95} optimum={0} value={Math.min(1, share)} />{' '}
          <span data-testid="clips-used">
            {t('usedValue', {
              used: formatBytes(clips.usedBytes),
              budget: formatBytes(clips.budgetBytes),
              percent: formatPercent(share, 0),
            })}
          </span>
        </dd>
        <dt>{t('clips.mine')}</dt>
        <dd data-testid="clips-mine">{t('clips.mineValue', { count: clips.count, bytes: formatBytes(clips.bytes) })}</dd>
        <dt>{t('clips.pending')}</dt>
        <dd>{t('clips.pendingValue', { count: clips.pending })}</dd>
      </dl>
      <p className="muted">{t('clips.note')}</p>
    </section>
  );
}

export function StoragePage() {
  const { t } = useTranslation('storage');
  const overview = useStorageOverview();
  return (
    <div className="storage-page" data-testid="storage-page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <QueryState query={overview} empty={(data) => data.relays.length === 0 && data.clips.count + data.clips.pending === 0}>
        {(data) => (
          <>
            {data.relays.map((relay) => (
              <RelayPanel key={relay.relayId} relay={relay} />
            ))}
            <ClipsPanel clips={data.clips} />
          </>
        )}
      </QueryState>
    </div>
  );
}
