// Failures of the public forms, said to a parent in their language.
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';

export function publicErrorText(error: unknown, t: TFunction<'public'>): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return t('errors.rateLimited');
    if (error.status === 0) return t('errors.network');
    if (error.status === 413) return t('errors.photoTooLarge');
    if (error.status === 415 || error.code === 'not_an_image' || error.code === 'bad_image') return t('errors.photoType');
    return t('errors.failed', { message: error.message });
  }
  return t('errors.failed', { message: (error as Error).message });
}
