// Start, pause and stop the patrol rotation, choose its interval, and see which canteen is on the wall.
import { useTranslation } from 'react-i18next';
import { ROTATION_SECONDS, type Rotation } from './use-patrol-rotation';

export function RotationControls({ rotation }: { rotation: Rotation }) {
  const { t } = useTranslation('wall');
  const { status } = rotation;
  return (
    <div className="wall-rotation" role="group" aria-label={t('rotation.title')}>
      <label>
        {t('rotation.interval')}
        <select value={rotation.seconds} onChange={(event) => rotation.setSeconds(Number(event.target.value))}>
          {ROTATION_SECONDS.map((seconds) => (
            <option key={seconds} value={seconds}>
              {t('rotation.seconds', { count: seconds })}
            </option>
          ))}
        </select>
      </label>
      {!rotation.running ? (
        <button type="button" className="primary" onClick={rotation.start}>
          {t('rotation.start')}
        </button>
      ) : (
        <>
          {rotation.paused ? (
            <button type="button" className="primary" onClick={rotation.resume}>
              {t('rotation.resume')}
            </button>
          ) : (
            <button type="button" onClick={rotation.pause}>
              {t('rotation.pause')}
            </button>
          )}
          <button type="button" onClick={rotation.stop}>
            {t('rotation.stop')}
          </button>
        </>
      )}
      <span className="wall-rotation-status" role="status" data-testid="wall-rotation-status">
        {status.kind === 'loading' && t('rotation.loading')}
        {status.kind === 'empty' && t('rotation.empty')}
        {status.kind === 'showing' &&
          (rotation.paused
            ? t('rotation.paused')
            : t('rotation.showing', {
                canteen: status.item.canteen.name,
                school: status.item.school.name,
                position: status.position,
                total: status.total,
              }))}
      </span>
    </div>
  );
}
