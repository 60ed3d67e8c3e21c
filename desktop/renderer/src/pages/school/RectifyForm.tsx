// 提交整改: what was done and the photos that show it, sent with the task's version so a task changed in
// the meantime (returned again, cancelled) is not overwritten.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { TaskDetail } from '../../api/types';
import { PhotoPicker } from './PhotoPicker';
import { actionErrorText } from './upload-errors';
import { usePhotoUploads } from './use-photo-uploads';

export function RectifyForm({ task, onDone, onRefused }: { task: TaskDetail; onDone: (task: TaskDetail) => void; onRefused: () => void }) {
  const { t } = useTranslation('school');
  const uploads = usePhotoUploads();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const missing =
    note.trim() === ''
      ? t('rectify.needNote')
      : uploads.attachmentIds.length === 0
        ? t('rectify.needPhoto')
        : uploads.busy
          ? t('rectify.waitUploads')
          : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (missing || busy) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await api.post<TaskDetail>(`/api/tasks/${task.id}/actions`, {
        action: 'submit',
        version: task.version,
        note: note.trim(),
        attachmentIds: uploads.attachmentIds,
      });
      uploads.clear();
      setNote('');
      onDone(updated);
    } catch (failure) {
      setError(actionErrorText(failure, t));
      onRefused();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel school-form" onSubmit={(event) => void submit(event)} aria-labelledby="rectify-heading">
      <h2 id="rectify-heading">{t('rectify.heading')}</h2>
      <label className="field">
        <span>{t('rectify.note')}</span>
        <textarea
          name="note"
          rows={4}
          maxLength={2000}
          value={note}
          placeholder={t('rectify.notePlaceholder')}
          onChange={(event) => setNote(event.target.value)}
        />
      </label>
      <PhotoPicker uploads={uploads} disabled={busy} />
      {error && (
        <p className="school-alert" role="alert">
          {error}
        </p>
      )}
      {missing && !busy && <p className="muted">{missing}</p>}
      <button type="submit" className="primary big" disabled={Boolean(missing) || busy}>
        {busy ? t('actions.submitting') : t('actions.submit')}
      </button>
    </form>
  );
}
