// An evidence photo or alert snapshot: the server's thumbnail, opening the full image over the page.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function PhotoThumb({ id, label, size = 'small' }: { id: string; label: string; size?: 'small' | 'large' }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={`desk-photo desk-photo-${size}`} onClick={() => setOpen(true)} aria-label={label}>
        <img src={`/api/attachments/${id}/thumb`} alt={label} loading="lazy" />
      </button>
      {open && <PhotoViewer id={id} label={label} onClose={() => setOpen(false)} />}
    </>
  );
}

function PhotoViewer({ id, label, onClose }: { id: string; label: string; onClose: () => void }) {
  const { t } = useTranslation('desk');
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="desk-overlay" role="dialog" aria-modal="true" aria-label={label} onClick={onClose}>
      <figure className="desk-viewer" onClick={(event) => event.stopPropagation()}>
        <img src={`/api/attachments/${id}`} alt={label} data-testid="photo-full" />
        <figcaption>
          <a href={`/api/attachments/${id}`} target="_blank" rel="noreferrer">
            {t('photo.openOriginal')}
          </a>
          <button type="button" onClick={onClose} autoFocus>
            {t('common:actions.close')}
          </button>
        </figcaption>
      </figure>
    </div>
  );
}
