// The server speaks English codes and messages; the operator reads Chinese. Known codes get their own
// sentence (a 409 says what the task is now and what may still be done); anything else keeps the server's text.
import type { TFunction } from 'i18next';
import { ApiError } from '../../../api/client';

interface RefusalDetails {
  state?: string;
  allowed?: string[];
}

export function describeError(t: TFunction, error: unknown, subject: 'task' | 'alert' = 'task'): string {
  if (!(error instanceof ApiError)) return t('desk:errors.generic', { message: (error as Error)?.message ?? String(error) });
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
    case 'invalid_input':
      return t('desk:errors.invalid', { message: error.message });
    default:
      return t('desk:errors.generic', { message: error.message });
  }
}
