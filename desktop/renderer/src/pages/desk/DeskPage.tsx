import { useTranslation } from 'react-i18next';

export function DeskPage() {
  const { t } = useTranslation('desk');
  return <h1>{t('title')}</h1>;
}
