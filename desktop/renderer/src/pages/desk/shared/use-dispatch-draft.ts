// What the new-task and bulk-notice forms share: title, description, deadline and photo being filled in,
// the idempotency key made once per filled-in form, and the send that uploads the photo, posts, and on
// success clears the form (with a fresh key) and refreshes the task lists.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { idempotencyKey } from '../../../api/client';
import { useRefreshTasks } from '../tasks/use-task-action';
import { shanghaiInputToIso } from './deadline';
import { describeError } from './describe-error';
import { usePhotoChoice } from './fields';
import { uploadPhotos } from './upload-photo';

export interface DispatchCommon {
  title: string;
  description: string;
  deadline: string | undefined;
  attachmentIds: string[];
  idempotencyKey: string;
}

export type DraftOutcome<Ok extends object> = ({ kind: 'ok' } & Ok) | { kind: 'error'; text: string } | null;

export function useDispatchDraft<Ok extends object>() {
  const { t } = useTranslation('desk');
  const refreshTasks = useRefreshTasks();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [deadline, setDeadline] = useState('');
  const photo = usePhotoChoice();
  const [key, setKey] = useState(idempotencyKey);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<DraftOutcome<Ok>>(null);

  /** Posts through `post` with the common fields; what it returns goes into the ok outcome. */
  const send = async (post: (common: DispatchCommon) => Promise<Ok>) => {
    setBusy(true);
    setOutcome(null);
    try {
      const value = await post({
        title: title.trim(),
        description: description.trim(),
        deadline: shanghaiInputToIso(deadline),
        attachmentIds: await uploadPhotos(photo.file),
        idempotencyKey: key,
      });
      setOutcome({ kind: 'ok', ...value });
      setTitle('');
      setDescription('');
      photo.clear();
      setKey(idempotencyKey());
      refreshTasks();
    } catch (error) {
      setOutcome({ kind: 'error', text: describeError(t, error) });
    } finally {
      setBusy(false);
    }
  };

  return { title, setTitle, description, setDescription, deadline, setDeadline, photo, busy, outcome, send };
}
