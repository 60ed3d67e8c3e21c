// 留言: a word to the issuer on any task (a question about what is asked, a reason for a delay).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { TaskDetail } from '../../api/types';
import { actionErrorText } from './upload-errors';

export function CommentForm({ task, onDone }: { task: TaskDetail; onDone: (task: TaskDetail) => void }) {
  const { t } = useTranslation('school');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return;
    setBusy(true);
    setMessage(null);
    try {
      const updated = await api.post<TaskDetail>(`/api/tasks/${task.id}/actions`, { action: 'comment', note: note.trim() });
      setNote('');
      setMessage({ ok: true, text: t('comment.sent') });
      onDone(updated);
    } catch (failure) {
      setMessage({ ok: false, text: actionErrorText(failure, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel school-form" onSubmit={(event) => void send(event)}>
      <h2>{t('comment.heading')}</h2>
      <label className="field">
        <span>{t('comment.label')}</span>
        <textarea name="comment" rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      {message && (
        <p className={message.ok ? 'school-ok' : 'school-alert'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <button type="submit" className="big" disabled={busy || !note.trim()}>
        {t('actions.comment')}
      </button>
    </form>
  );
}
