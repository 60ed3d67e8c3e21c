import { useTranslation } from 'react-i18next';

export function PatrolPage() {
  const { t } = useTranslation('patrol');
  return <h1>{t('title')}</h1>;
}
