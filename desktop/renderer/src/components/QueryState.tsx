// Loading, empty and failed states, said the same way everywhere.
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function QueryState<T>({
  query,
  children,
  empty,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  empty?: (data: T) => boolean;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <div className="muted">{t('state.loading')}</div>;
  if (query.isError)
    return (
      <div className="error" role="alert">
        {t('state.error', { message: query.error.message })}{' '}
        <button type="button" onClick={() => void query.refetch()}>
          {t('state.retry')}
        </button>
      </div>
    );
  if (empty?.(query.data)) return <div className="muted">{t('state.empty')}</div>;
  return <>{children(query.data)}</>;
}
