// What a school manager reads when a photo is refused: in their language, saying what to do about it.
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { PhotoRefused } from './prepare-photo';

export function photoErrorText(error: unknown, fileName: string, t: TFunction<'school'>): string {
  if (error instanceof PhotoRefused) return t(`errors.${error.reason}`, { name: fileName });
  if (error instanceof ApiError) {
    if (error.status === 413) {
      const mb = /(\d+)\s*MB/i.exec(error.message)?.[1];
      return mb ? t('errors.tooLarge', { mb }) : t('errors.tooLargeUnknown');
    }
    if (error.status === 415 || error.code === 'not_an_image') return t('errors.serverNotImage');
    if (error.code === 'bad_image') return t('errors.badImage');
    if (error.status === 0) return t('errors.network');
    return t('errors.failed', { message: error.message });
  }
  return t('errors.failed', { message: (error as Error).message });
}

/** A refused task action: a stale version or a state that changed under us says so plainly. */
export function actionErrorText(error: unknown, t: TFunction<'school'>): string {
  if (error instanceof ApiError) {
    if (error.code === 'stale_version') return t('errors.stale');
    if (error.status === 409) return t('errors.notAllowed');
    if (error.status === 0) return t('errors.network');
  }
  return t('errors.failed', { message: (error as Error).message });
}
