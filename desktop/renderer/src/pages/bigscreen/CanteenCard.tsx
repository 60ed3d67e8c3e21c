// A canteen opened from the map: its live cameras, its risk grade with the factors that made the score, its
// school's open tasks and its ledger warnings, each leading to the records.
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { VideoTile } from '../../components/video/VideoTile';
import { formatShort } from '../../format/time';
import { drill } from './drill';
import { useCanteenCard } from './use-canteen-card';
import { useCategoryName } from './use-category-names';

/** Live tiles in the card; the rest are a link away on the video wall. */
const LIVE_TILES = 2;
const FACTORS_SHOWN = 6;

export function CanteenCard({ canteenId, onClose }: { canteenId: string; onClose: () => void }) {
  const { t } = useTranslation('bigscreen');
  const { t: common } = useTranslation();
  const nameOf = useCategoryName();
  const { risk, cameras, tasks, ledger } = useCanteenCard(canteenId);
  const detail = risk.data;
  const grade = detail?.current;

  return (
    <aside
      className="bs-card panel"
      aria-label={detail ? `${detail.school.name} ${detail.canteen.name}` : t('card.grade')}
      data-testid="canteen-card"
      data-canteen={canteenId}
    >
      <header className="bs-card-head">
        <div>
          <h2 className="bs-card-title">{detail ? detail.school.name : '…'}</h2>
          {detail && (
            <div className="muted">
              {detail.county.name} · {detail.canteen.name}
            </div>
          )}
        </div>
        <button type="button" className="bs-card-close" onClick={onClose}>
          {t('card.close')}
        </button>
      </header>

      <section>
        <h3>{t('card.grade')}</h3>
        <QueryState query={risk}>
          {() =>
            grade ? (
              <div className="bs-card-grade">
                <span className={`bs-grade-badge grade-${grade.grade}`} data-testid="canteen-grade">
                  {common(`grades.${grade.grade}`)}
                </span>
                <span className="bs-card-score">{t('card.score', { score: Math.round(grade.score) })}</span>
                <ul className="bs-factors" aria-label={t('card.factors')}>
                  {[...grade.factors]
                    .filter((factor) => factor.points > 0)
                    .sort((a, b) => b.points - a.points)
                    .slice(0, FACTORS_SHOWN)
                    .map((factor) => (
                      <li key={factor.code}>
                        <span>{factor.label}</span>
                        <span className="bs-factor-points">{t('card.points', { points: Math.round(factor.points * 10) / 10 })}</span>
                      </li>
                    ))}
                </ul>
              </div>
            ) : (
              <p className="muted">{t('card.noGrade')}</p>
            )
          }
        </QueryState>
      </section>

      <section>
        <h3>{t('card.cameras')}</h3>
        <QueryState query={cameras}>
          {(page) =>
            page.items.length === 0 ? (
              <p className="muted">{t('card.noCameras')}</p>
            ) : (
              <>
                <div className="bs-card-videos">
                  {page.items.slice(0, LIVE_TILES).map((camera) => (
                    <VideoTile key={camera.id} camera={camera} />
                  ))}
                </div>
                <a href={drill.cameras(page.items.map((camera) => camera.id))}>{t('card.allCameras', { count: page.total })}</a>
              </>
            )
          }
        </QueryState>
      </section>

      <section>
        <h3>{t('card.openTasks')}</h3>
        <QueryState query={tasks}>
          {(page) =>
            page.items.length === 0 ? (
              <p className="muted">{t('card.noTasks')}</p>
            ) : (
              <ul className="bs-card-list">
                {page.items.map((task) => (
                  <li key={task.id}>
                    <a href={drill.task(task.id)}>
                      <span className={task.overdue ? 'error' : ''}>{task.title}</span>
                      <span className="muted">
                        {common(`taskStates.${task.state}`)} · {t('card.due', { time: formatShort(task.deadline) })}
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>

      <section>
        <h3>{t('card.ledger')}</h3>
        <QueryState query={ledger}>
          {(page) =>
            page.items.length === 0 ? (
              <p className="muted">{t('card.noLedger')}</p>
            ) : (
              <ul className="bs-card-list">
                {page.items.map((alert) => (
                  <li key={alert.id}>
                    <a href={drill.alert(alert.id)}>
                      <span>{nameOf(alert.category)}</span>
                      <span className="muted">{formatShort(alert.lastSeenAt)}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>

      <footer className="bs-card-foot">
        <a className="bs-button" href={drill.patrol(canteenId)}>
          {t('card.patrol')}
        </a>
      </footer>
    </aside>
  );
}
