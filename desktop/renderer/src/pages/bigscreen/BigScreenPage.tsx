import { useTranslation } from 'react-i18next';

export function BigScreenPage() {
  const { t } = useTranslation('bigscreen');
  return <h1>{t('title')}</h1>;
}
