// The snapshots of this patrol: each shown small, with the checklist point it documents (changeable).
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../format/time';
import type { PatrolForm } from './use-patrol-form';

export function PatrolSnapshots({ form }: { form: PatrolForm }) {
  const { t } = useTranslation('patrol');
  return (
    <section className="patrol-snapshots" aria-label={t('snapshots.title')}>
      <h3>{t('snapshots.title')}</h3>
      {form.snapshots.length === 0 && <p className="muted">{t('snapshots.none')}</p>}
      <ul>
        {form.snapshots.map((shot) => (
          <li key={shot.id} data-testid="patrol-snapshot" data-attachment={shot.id}>
            <img
              src={`/api/attachments/${shot.id}/thumb`}
              alt={t('snapshots.alt', { camera: shot.cameraName, time: formatTime(shot.capturedAt) })}
            />
            <label>
              {t('snapshots.item')}
              <select value={shot.item ?? ''} onChange={(event) => form.linkSnapshot(shot.id, event.target.value || null)}>
                <option value="">{t('snapshots.auto')}</option>
                {form.items.map((item) => (
                  <option key={item.code} value={item.code}>
                    {item.code} {item.text.slice(0, 16)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="link" onClick={() => form.removeSnapshot(shot.id)}>
              {t('snapshots.remove')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
