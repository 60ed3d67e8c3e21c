// Where in the kitchen a task is about — its canteen and camera — as terms of a task's fact list, on the desk
// and on the school's phone alike.
import { useTranslation } from 'react-i18next';

interface Named {
  name: string;
}

export function TaskPlaceFacts({ canteen, camera }: { canteen: Named | null; camera: Named | null }) {
  const { t } = useTranslation('common');
  return (
    <>
      {canteen && (
        <>
          <dt>{t('place.canteen')}</dt>
          <dd>{canteen.name}</dd>
        </>
      )}
      {camera && (
        <>
          <dt>{t('place.camera')}</dt>
          <dd>{camera.name}</dd>
        </>
      )}
    </>
  );
}
