// Previous / next through a long list, with the total.
import { useTranslation } from 'react-i18next';

export function Pager({
  total,
  page,
  pageSize,
  onPage,
}: {
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation('desk');
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="desk-pager" aria-label={t('list.page', { page, pages })}>
      <span data-testid="list-total">{t('list.total', { count: total })}</span>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('list.previous')}
      </button>
      <span>{t('list.page', { page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('list.next')}
      </button>
    </nav>
  );
}
