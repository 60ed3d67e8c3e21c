// A refused bind or unbind in words an administrator can act on: a channel someone else just bound (409), a
// device gone, no permission, bad input with the server's reason; anything else keeps the server's text.
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';

export function describeGbError(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('devices:errors.failed', { message: (error as Error)?.message ?? String(error) });
  if (error.status === 409) return t('devices:errors.alreadyBound');
  if (error.status === 404) return t('devices:errors.notFound');
  if (error.status === 403) return t('devices:errors.forbidden', { message: error.message });
  if (error.status === 400) return t('devices:errors.invalid', { message: error.message });
  return t('devices:errors.failed', { message: error.message });
}
