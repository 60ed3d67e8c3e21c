import { useTranslation } from 'react-i18next';

export function WallPage() {
  const { t } = useTranslation('wall');
  return <h1>{t('title')}</h1>;
}
