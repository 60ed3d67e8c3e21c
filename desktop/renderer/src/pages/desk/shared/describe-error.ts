// The server speaks English codes and messages; the operator reads Chinese. Known codes get their own
// sentence (a 409 says what the task is now and what may still be done); anything else keeps the server's text.
import type { TFunction } from 'i18next';
import { ApiError } from '../../../api/client';

/** The server's own sentences for bad input that an operator can meet on the desk, by translation key. */
const KNOWN_MESSAGES: Record<string, string> = {
  'The deadline must be in the future': 'deadlinePast',
  'The new deadline must be in the future': 'deadlinePast',
  'A forwarded task must be due no later than its parent': 'forwardAfterParent',
  'Forward to schools of your own county': 'foreignSchool',
  'Some schools are unknown or outside your jurisdiction': 'foreignSchool',
  'No school matches this target': 'noSchools',
  'Dispatch to a node below your own': 'notBelow',
  'A task goes to a county or a school below you': 'notBelow',
  'Unknown attachment, or one that belongs elsewhere': 'badAttachment',
};

interface RefusalDetails {
  state?: string;
  allowed?: string[];
}

/** A refusal as the server words it: an ApiError, or one outcome of a batch (each id answers on its own). */
export interface Refusal {
  code: string;
  message: string;
  details?: unknown;
}

export function describeError(t: TFunction, error: unknown, subject: 'task' | 'alert' = 'task'): string {
  if (!(error instanceof ApiError)) return t('desk:errors.generic', { message: (error as Error)?.message ?? String(error) });
  return describeRefusal(t, error, subject);
}

export function describeRefusal(t: TFunction, error: Refusal, subject: 'task' | 'alert' = 'task'): string {
  const details = (error.details ?? {}) as RefusalDetails;
  const stateName = (state: string | undefined) =>
    state ? t(subject === 'task' ? `common:taskStates.${state}` : `common:alertStates.${state}`, { defaultValue: state }) : '';
  switch (error.code) {
    case 'stale_version':
      return subject === 'task' ? t('desk:errors.staleTask', { state: stateName(details.state) }) : t('desk:errors.staleAlert');
    case 'illegal_transition': {
      const allowed = (details.allowed ?? []).map((action) => t(`desk:actions.${action}`, { defaultValue: action })).join('、');
      return t('desk:errors.illegal', { state: stateName(details.state), allowed: allowed || t('desk:errors.nothingAllowed') });
    }
    case 'children_open':
      return t('desk:errors.childrenOpen');
    case 'already_forwarded':
      return t('desk:errors.alreadyForwarded');
    case 'not_found':
      return t('desk:errors.notFound');
    case 'forbidden':
      return t('desk:errors.forbidden');
    case 'network':
      return t('desk:errors.network');
    case 'invalid_input': {
      const known = KNOWN_MESSAGES[error.message];
      return t('desk:errors.invalid', { message: known ? t(`desk:errors.messages.${known}`) : error.message });
    }
    default:
      return t('desk:errors.generic', { message: error.message });
  }
}
