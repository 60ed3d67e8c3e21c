// The camera button and the photos taken: a big touch target that opens the phone's rear camera (or the
// gallery on a PC), a preview of each photo with its upload progress, and a plain message for anything
// refused.
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTOS, type PhotoItem, type PhotoUploads } from './use-photo-uploads';

/** Drawn, not an emoji: kiosks and headless browsers often have no emoji font. */
function CameraIcon() {
  return (
    <svg className="photo-button-icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
      <path
        fill="currentColor"
        d="M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9zm3 5a5 5 0 1 1 0 10 5 5 0 0 1 0-10zm0 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6z"
      />
    </svg>
  );
}

function PhotoStatusLine({ item }: { item: PhotoItem }) {
  const { t } = useTranslation('school');
  if (item.status === 'preparing') return <span className="muted">{t('rectify.preparing')}</span>;
  if (item.status === 'uploading') {
    const percent = Math.round(item.progress * 100);
    return (
      <>
        <progress max={100} value={percent} aria-label={t('rectify.uploading', { percent })} />
        <span className="muted">{t('rectify.uploading', { percent })}</span>
      </>
    );
  }
  if (item.status === 'done') return <span className="school-ok">{t('rectify.uploaded')}</span>;
  return (
    <span className="error" role="alert">
      {item.error ?? t('rectify.failed')}
    </span>
  );
}

export function PhotoPicker({ uploads, disabled }: { uploads: PhotoUploads; disabled?: boolean }) {
  const { t } = useTranslation('school');
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = Array.from(event.target.files ?? []);
    // Cleared so that choosing the same file again (after removing it) fires again.
    event.target.value = '';
    if (chosen.length > 0) uploads.add(chosen);
  };
  return (
    <div className="photo-picker">
      <label className="photo-button">
        <CameraIcon />
        <span>{t('rectify.takePhoto')}</span>
        <input
          className="visually-hidden"
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          disabled={disabled}
          aria-label={t('rectify.photos')}
          data-testid="photo-input"
          onChange={onChange}
        />
      </label>
      <p className="muted photo-hint">{t('rectify.photoHint', { max: MAX_PHOTOS })}</p>
      {uploads.refusals.length > 0 && (
        <div className="school-alert" role="alert" data-testid="photo-refusal">
          {uploads.refusals.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </div>
      )}
      {uploads.items.length > 0 && (
        <ul className="photo-list" data-testid="photo-list">
          {uploads.items.map((item, index) => (
            <li key={item.key} className={`photo-item photo-${item.status}`} data-status={item.status}>
              <img src={item.previewUrl} alt={t('task.photo', { index: index + 1 })} />
              <div className="photo-item-body">
                <PhotoStatusLine item={item} />
                <div className="photo-item-actions">
                  {item.status === 'failed' && (
                    <button type="button" onClick={() => uploads.retry(item.key)}>
                      {t('rectify.retry')}
                    </button>
                  )}
                  <button type="button" className="danger-outline" onClick={() => uploads.remove(item.key)}>
                    {t('rectify.remove', { index: index + 1 })}
                  </button>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
