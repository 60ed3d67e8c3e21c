// The newest snapshot large, with its download link, and the earlier ones of this session as thumbnails.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../format/time';
import type { Snapshots } from './use-snapshots';

export function SnapshotPanel({ snapshots }: { snapshots: Snapshots }) {
  const { t } = useTranslation('wall');
  const [chosen, setChosen] = useState<string | null>(null);
  if (!snapshots.taking && !snapshots.error && snapshots.list.length === 0) return null;
  const shown = snapshots.list.find((shot) => shot.id === chosen) ?? snapshots.list[0];
  return (
    <section className="wall-snapshots panel" aria-label={t('snapshot.title')}>
      <header>
        <h2>{t('snapshot.title')}</h2>
        <button type="button" className="link" onClick={snapshots.dismiss}>
          {t('snapshot.close')}
        </button>
      </header>
      {snapshots.taking && <p className="muted">{t('snapshot.taking')}</p>}
      {snapshots.error && (
        <p className="error" role="alert">
          {t('snapshot.failed', { message: snapshots.error })}
        </p>
      )}
      {shown && (
        <figure data-testid="wall-snapshot" data-attachment={shown.id}>
          <img
            src={`/api/attachments/${shown.id}`}
            alt={t('snapshot.alt', { camera: shown.camera.name, time: formatTime(shown.capturedAt) })}
            width={shown.width}
            height={shown.height}
          />
          <figcaption>
            {shown.camera.name} · {formatTime(shown.capturedAt)} ·{' '}
            <a href={`/api/attachments/${shown.id}`} download={`snapshot-${shown.id}.jpg`}>
              {t('snapshot.download')}
            </a>
          </figcaption>
        </figure>
      )}
      {snapshots.list.length > 1 && (
        <ul className="wall-snapshot-thumbs">
          {snapshots.list.map((shot) => (
            <li key={shot.id}>
              <button type="button" aria-pressed={shot.id === shown?.id} onClick={() => setChosen(shot.id)}>
                <img
                  src={`/api/attachments/${shot.id}/thumb`}
                  alt={t('snapshot.alt', { camera: shot.camera.name, time: formatTime(shot.capturedAt) })}
                />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
