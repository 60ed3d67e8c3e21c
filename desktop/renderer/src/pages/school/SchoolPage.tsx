import { useTranslation } from 'react-i18next';

export function SchoolPage() {
  const { t } = useTranslation('school');
  return <h1>{t('title')}</h1>;
}
