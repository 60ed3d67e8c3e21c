// Photos of a task (the alert's snapshot, a notice's files, the school's evidence) as thumbnails that open
// the full picture. Everything comes from this server; scope is checked there.
import { useTranslation } from 'react-i18next';

export function AttachmentStrip({ ids, label }: { ids: readonly string[]; label: string }) {
  const { t } = useTranslation('school');
  if (ids.length === 0) return null;
  return (
    <ul className="attachment-strip" aria-label={label}>
      {ids.map((id, index) => (
        <li key={id}>
          <a href={`/api/attachments/${id}`} target="_blank" rel="noreferrer">
            <img src={`/api/attachments/${id}/thumb`} alt={`${label} · ${t('task.photo', { index: index + 1 })}`} loading="lazy" />
          </a>
        </li>
      ))}
    </ul>
  );
}
