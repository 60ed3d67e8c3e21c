// The actions the server allows this operator on this task (TaskDetail.allowedActions), each a button;
// those that need words open a small form. A form remembers the version the operator was looking at when
// they opened it and sends that one: if someone changed the task meanwhile, the server refuses (409), the
// refusal is shown in Chinese and the task reloads.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import type { TaskActionBody, TaskDetail } from '../../../api/types';
import { describeError } from '../shared/describe-error';
import { OutcomeMessage, type Outcome } from '../shared/OutcomeMessage';
import { uploadPhotos } from '../shared/upload-photo';
import { ForwardForm } from './ForwardForm';
import { NoteActionForm, type NoteAction } from './NoteActionForm';
import { useTaskAction } from './use-task-action';

type FormAction = NoteAction | 'forward';
const BAR_ACTIONS = ['accept', 'forward', 'submit', 'approve', 'return', 'remind', 'cancel'] as const;
type BarAction = (typeof BAR_ACTIONS)[number];

export interface ActionRequest {
  action: FormAction;
  /** Changes with every key press, so pressing the same key twice asks twice. */
  nonce: number;
}

export function TaskActions({ task, request }: { task: TaskDetail; request: ActionRequest | null }) {
  const { t } = useTranslation('desk');
  const mutation = useTaskAction(task.id);
  const [open, setOpen] = useState<{ action: FormAction; version: number } | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const allowed = new Set<string>(task.allowedActions);

  // A task opened in the pane starts with no form and no message.
  useEffect(() => {
    setOpen(null);
    setOutcome(null);
  }, [task.id]);

  useEffect(() => {
    if (!request) return;
    if (allowed.has(request.action)) {
      setOpen({ action: request.action, version: task.version });
      setOutcome(null);
    } else setOutcome({ kind: 'error', text: t('actions.notAllowed', { action: t(`actions.${request.action}`) }) });
    // Only a new request opens a form; later refreshes of the task do not.
  }, [request?.nonce]);

  const run = (body: TaskActionBody, done: string) => {
    setOutcome(null);
    mutation.mutate(body, {
      onSuccess: () => {
        setOpen(null);
        setOutcome({ kind: 'ok', text: done });
      },
      onError: (error) => {
        // A refusal (409) means the task moved on: the form no longer fits it. Bad input keeps the form.
        if (error instanceof ApiError && error.status === 409) setOpen(null);
        setOutcome({ kind: 'error', text: describeError(t, error) });
      },
    });
  };

  const press = (action: BarAction) => {
    if (action === 'accept') run({ action: 'accept', version: task.version }, t('done.accept'));
    else {
      setOutcome(null);
      setOpen((current) => (current?.action === action ? null : { action, version: task.version }));
    }
  };

  const submitNote = (action: NoteAction, version: number, input: { note?: string; deadline?: string; photo: File | null }) => {
    const done = t(`done.${action}`);
    if (action === 'submit') {
      // A county handling a task itself reports with its note and, if it has one, a photo.
      uploadPhotos(input.photo).then(
        (attachmentIds) => run({ action, version, note: input.note!, attachmentIds }, done),
        (error: unknown) => setOutcome({ kind: 'error', text: describeError(t, error) }),
      );
    } else if (action === 'approve') run({ action, version, note: input.note }, done);
    else if (action === 'return') run({ action, version, reason: input.note!, deadline: input.deadline }, done);
    else if (action === 'cancel') run({ action, version, reason: input.note! }, done);
    else run({ action, note: input.note }, done);
  };

  const barActions = BAR_ACTIONS.filter((action) => allowed.has(action));
  const stale = open !== null && open.action !== 'remind' && open.version !== task.version;
  return (
    <section className="desk-actions" aria-label={t('actions.label')}>
      {barActions.length > 0 ? (
        <div className="desk-action-bar" role="toolbar" aria-label={t('actions.label')}>
          {barActions.map((action) => (
            <button
              key={action}
              type="button"
              className={
                action === 'accept' || action === 'approve' || action === 'submit' ? 'primary' : action === 'cancel' ? 'danger' : undefined
              }
              aria-pressed={action === 'accept' ? undefined : open?.action === action}
              aria-keyshortcuts={SHORTCUT_OF[action]}
              disabled={mutation.isPending}
              onClick={() => press(action)}
            >
              {t(`actions.${action}`)}
            </button>
          ))}
        </div>
      ) : (
        !allowed.has('comment') && <p className="muted">{t('actions.none')}</p>
      )}
      {stale && (
        <p className="desk-warning" role="status">
          {t('forms.staleWarning', { state: t(`common:taskStates.${task.state}`) })}
        </p>
      )}
      {open?.action === 'forward' && (
        <ForwardForm
          task={task}
          busy={mutation.isPending}
          onClose={() => setOpen(null)}
          onSubmit={(input) =>
            run({ action: 'forward', version: open.version, ...input }, t('done.forward', { count: input.schools.length }))
          }
        />
      )}
      {open && open.action !== 'forward' && (
        <NoteActionForm
          key={open.action}
          action={open.action}
          busy={mutation.isPending}
          onClose={() => setOpen(null)}
          onSubmit={(input) => submitNote(open.action as NoteAction, open.version, input)}
        />
      )}
      <OutcomeMessage outcome={outcome} testId="task-action" className="desk-outcome" />
    </section>
  );
}

const SHORTCUT_OF: Partial<Record<BarAction, string>> = { approve: 'a', return: 'r', forward: 'f', remind: 'm' };
