// Triage of a new alert: confirm and dispatch a rectification task (to the alert's county, or straight to
// its school — a county operator can only send to the school), confirm without a task, or dismiss it as a
// false alarm with a reason (kept as training feedback).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../api/types';
import { useSession } from '../../../auth/session';
import { shanghaiInputToIso } from '../shared/deadline';
import { describeError } from '../shared/describe-error';
import { DeadlineField } from '../shared/fields';
import { OutcomeMessage, type Outcome } from '../shared/OutcomeMessage';
import { useAlertAction, type AlertAction } from './use-alert-action';

export function AlertTriage({ alert }: { alert: Alert }) {
  const { t } = useTranslation('desk');
  const { user } = useSession();
  const mutation = useAlertAction(alert.id);
  const countyMayReceive = user?.scope.level !== 'county';
  const [to, setTo] = useState<'county' | 'school'>(countyMayReceive ? 'county' : 'school');
  const [deadline, setDeadline] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);

  const run = (action: AlertAction, done: string) => {
    setOutcome(null);
    mutation.mutate(action, {
      onSuccess: () => setOutcome({ kind: 'ok', text: done }),
      onError: (error) => setOutcome({ kind: 'error', text: describeError(t, error, 'alert') }),
    });
  };
  const dispatch = (event: FormEvent) => {
    event.preventDefault();
    run(
      {
        kind: 'confirm',
        body: { version: alert.version, dispatch: { to, deadline: shanghaiInputToIso(deadline), note: note.trim() || undefined } },
      },
      t('alerts.dispatched'),
    );
  };
  const dismiss = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 2) return setOutcome({ kind: 'error', text: t('alerts.dismissReasonShort') });
    run({ kind: 'dismiss', body: { version: alert.version, reason: reason.trim() } }, t('alerts.dismissed'));
  };

  return (
    <div className="desk-triage">
      {alert.status === 'new' && (
        <>
          <form className="desk-action-form" onSubmit={dispatch} aria-label={t('alerts.dispatchTitle')}>
            <h4>{t('alerts.dispatchTitle')}</h4>
            <fieldset className="desk-radios">
              <legend>{t('alerts.dispatchTo')}</legend>
              {countyMayReceive && (
                <label className="desk-check">
                  <input type="radio" name="dispatch-to" checked={to === 'county'} onChange={() => setTo('county')} />
                  {t('alerts.toCounty', { name: alert.county.name })}
                </label>
              )}
              <label className="desk-check">
                <input type="radio" name="dispatch-to" checked={to === 'school'} onChange={() => setTo('school')} />
                {t('alerts.toSchool', { name: alert.school.name })}
              </label>
            </fieldset>
            <DeadlineField label={t('alerts.deadline')} hint={t('alerts.deadlineHint')} value={deadline} onChange={setDeadline} />
            <label>
              {t('alerts.note')}
              <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={2} maxLength={2000} />
            </label>
            <div className="desk-form-buttons">
              <button type="submit" className="primary" disabled={mutation.isPending}>
                {t('alerts.confirmDispatch')}
              </button>
              <button
                type="button"
                disabled={mutation.isPending}
                onClick={() => run({ kind: 'confirm', body: { version: alert.version } }, t('alerts.confirmed'))}
              >
                {t('alerts.confirmOnly')}
              </button>
            </div>
          </form>
          <form className="desk-action-form" onSubmit={dismiss} aria-label={t('alerts.dismissTitle')}>
            <h4>{t('alerts.dismissTitle')}</h4>
            <label>
              {t('alerts.dismissReason')}
              <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={2} maxLength={500} />
            </label>
            <div className="desk-form-buttons">
              <button type="submit" className="danger" disabled={mutation.isPending}>
                {t('alerts.dismissSubmit')}
              </button>
            </div>
          </form>
        </>
      )}
      <OutcomeMessage outcome={outcome} testId="alert-action" className="desk-outcome" />
    </div>
  );
}
