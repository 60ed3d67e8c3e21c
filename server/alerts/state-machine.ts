// The alert workflow in one table, as tasks have theirs: (status, action) → next status. An alert is a case:
// new (待研判) → confirmed (确认, then linked to the task it became) or dismissed (误报, with a reason); it is
// resolved (已解除) when its cause went away by itself (a camera back online); a camera fault that returns
// soon after is the same case reopened. Who decided and why is kept with it.
import { conflict } from '../errors';

export const ALERT_STATUSES = ['new', 'confirmed', 'dismissed', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_ACTIONS = ['confirm', 'dismiss', 'link', 'resolve', 'reopen'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

interface AlertTransition {
  from: readonly AlertStatus[];
  to: AlertStatus;
  /** Only the system takes it (a cause gone or back), never a user's request. */
  systemOnly?: true;
}

export const ALERT_TRANSITIONS: Readonly<Record<AlertAction, AlertTransition>> = {
  confirm: { from: ['new'], to: 'confirmed' },
  dismiss: { from: ['new'], to: 'dismissed' },
  // Handing the case to a task: a new alert is confirmed by it; a confirmed one gains its task.
  link: { from: ['new', 'confirmed'], to: 'confirmed' },
  resolve: { from: ['new', 'confirmed'], to: 'resolved', systemOnly: true },
  reopen: { from: ['resolved'], to: 'new', systemOnly: true },
};

/** The status an action leads to, or a 409 naming the status and what it allows. */
export function nextAlertStatus(status: AlertStatus, action: AlertAction): AlertStatus {
  const transition = ALERT_TRANSITIONS[action];
  if (!transition.from.includes(status)) {
    const allowed = ALERT_ACTIONS.filter(
      (candidate) => ALERT_TRANSITIONS[candidate].from.includes(status) && !ALERT_TRANSITIONS[candidate].systemOnly,
    );
    throw conflict('illegal_transition', `Cannot ${action} a ${status} alert`, { state: status, action, allowed });
  }
  return transition.to;
}

/** The event each action announces; linking a confirmed alert to its task changes no status. */
export function alertEventOf(action: AlertAction, from: AlertStatus) {
  switch (action) {
    case 'confirm':
      return 'alert.confirmed' as const;
    case 'dismiss':
      return 'alert.dismissed' as const;
    case 'link':
      return from === 'new' ? ('alert.confirmed' as const) : ('alert.linked' as const);
    case 'resolve':
      return 'alert.resolved' as const;
    case 'reopen':
      return 'alert.reopened' as const;
  }
}
