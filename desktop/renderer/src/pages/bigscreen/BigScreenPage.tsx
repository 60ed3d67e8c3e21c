// The big screen's route. Its map and chart libraries (maplibre, deck.gl, ECharts) are loaded with the page,
// not with the renderer's first bundle, so the phone and desk pages never download them.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

const BigScreen = lazy(() => import('./BigScreen'));

export function BigScreenPage() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<div className="page-loading">{t('state.loading')}</div>}>
      <BigScreen />
    </Suspense>
  );
}
