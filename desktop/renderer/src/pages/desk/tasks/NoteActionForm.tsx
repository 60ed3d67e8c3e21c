// The small forms of approve, return, remind and cancel: a note (required for a return or a cancel), for a
// return an optional new deadline, and one submit button. Ctrl+Enter submits from the text box.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { shanghaiInputToIso } from '../shared/deadline';
import { ActionFormButtons, DeadlineField, PhotoField } from '../shared/fields';

export type NoteAction = 'approve' | 'return' | 'remind' | 'cancel' | 'submit';

interface FormShape {
  title: string;
  field: string;
  submit: string;
  required: boolean;
  deadline?: string;
  hint?: string;
  photo?: boolean;
}

const FORM: Record<NoteAction, FormShape> = {
  approve: { title: 'forms.approveTitle', field: 'forms.approveNote', submit: 'forms.approveSubmit', required: false },
  return: {
    title: 'forms.returnTitle',
    field: 'forms.returnReason',
    submit: 'forms.returnSubmit',
    required: true,
    deadline: 'forms.returnDeadline',
    hint: 'forms.returnDeadlineHint',
  },
  remind: { title: 'forms.remindTitle', field: 'forms.remindNote', submit: 'forms.remindSubmit', required: false },
  cancel: { title: 'forms.cancelTitle', field: 'forms.cancelReason', submit: 'forms.cancelSubmit', required: true },
  submit: { title: 'forms.submitTitle', field: 'forms.submitNote', submit: 'forms.submitSubmit', required: true, photo: true },
};

export function NoteActionForm({
  action,
  busy,
  onSubmit,
  onClose,
}: {
  action: NoteAction;
  busy: boolean;
  onSubmit: (input: { note?: string; deadline?: string; photo: File | null }) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('desk');
  const form = FORM[action];
  const [note, setNote] = useState('');
  const [deadline, setDeadline] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    if (form.required && !text) return;
    onSubmit({ note: text || undefined, deadline: shanghaiInputToIso(deadline), photo });
  };
  const submitOnCtrlEnter = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };
  return (
    <form className="desk-action-form" onSubmit={submit} aria-label={t(form.title)}>
      <h4>{t(form.title)}</h4>
      <label>
        {t(form.field)}
        <textarea
          value={note}
          onChange={(event) => setNote(event.target.value)}
          onKeyDown={submitOnCtrlEnter}
          required={form.required}
          maxLength={2000}
          rows={3}
          autoFocus
        />
      </label>
      {form.deadline && <DeadlineField label={t(form.deadline)} hint={t(form.hint!)} value={deadline} onChange={setDeadline} />}
      {form.photo && <PhotoField label={t('forms.submitPhoto')} onFile={setPhoto} />}
      <ActionFormButtons
        submitLabel={t(form.submit)}
        submitClassName={action === 'cancel' || action === 'return' ? 'danger' : 'primary'}
        busy={busy}
        onClose={onClose}
      />
    </form>
  );
}
