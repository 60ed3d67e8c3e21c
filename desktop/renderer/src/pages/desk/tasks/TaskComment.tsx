// A comment on the task's timeline (no change of state), open to issuer, assignee and supervisors.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../shared/describe-error';
import { useTaskAction } from './use-task-action';

export function TaskComment({ taskId }: { taskId: string }) {
  const { t } = useTranslation('desk');
  const mutation = useTaskAction(taskId);
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    if (!text) return;
    mutation.mutate({ action: 'comment', note: text, attachmentIds: [] }, { onSuccess: () => setNote('') });
  };
  return (
    <form className="desk-comment" onSubmit={submit}>
      <label>
        {t('forms.commentNote')}
        <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={2} maxLength={2000} />
      </label>
      <button type="submit" disabled={mutation.isPending || !note.trim()}>
        {t('forms.commentSubmit')}
      </button>
      {mutation.isError && (
        <p className="error" role="alert">
          {describeError(t, mutation.error)}
        </p>
      )}
    </form>
  );
}
