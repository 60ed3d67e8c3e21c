// A school's public page: who it is, its canteens (licence, validity, risk grade), the canteen notice,
// the parents' rating, the public kitchen cameras live, and the way to rate or complain.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { BackLink } from './BackLink';
import { CanteenCard } from './CanteenCard';
import { PublicCameras } from './PublicCameras';
import { RatingSummary } from './RatingStars';
import { usePublicSchool } from './use-public-api';

export function SchoolInfo() {
  const { t } = useTranslation('public');
  const { id = '' } = useParams();
  const school = usePublicSchool(id);

  if (school.isPending) return <p className="muted">{t('common:state.loading')}</p>;
  if (school.isError) {
    const missing = school.error instanceof ApiError && (school.error.status === 404 || school.error.status === 400);
    return (
      <section className="public-section">
        <p className="public-alert" role="alert">
          {missing ? t('school.notFound') : t('common:state.error', { message: school.error.message })}
        </p>
        <Link to="/public">{t('school.back')}</Link>
      </section>
    );
  }
  const data = school.data;
  return (
    <article className="public-section school-info" data-testid="school-info" data-school-id={data.id}>
      <BackLink fallback="/public" label={t('school.back')} />
      <h1>{data.name}</h1>
      <dl className="facts">
        <dt>{t('school.type')}</dt>
        <dd>{t(`schoolTypes.${data.type}`)}</dd>
        <dt>{t('school.county')}</dt>
        <dd>{data.county.name}</dd>
        <dt>{t('school.address')}</dt>
        <dd>{data.address}</dd>
      </dl>

      <section aria-labelledby="rating-heading">
        <h2 id="rating-heading">{t('school.rating')}</h2>
        <RatingSummary rating={data.rating} />
      </section>

      <div className="public-actions">
        <Link className="button-link primary" to={`/public/school/${data.id}/rate`}>
          {t('school.rate')}
        </Link>
        <Link className="button-link danger" to={`/public/school/${data.id}/complain`}>
          {t('school.complain')}
        </Link>
      </div>

      <section aria-labelledby="cameras-heading">
        <h2 id="cameras-heading">{t('school.cameras')}</h2>
        <PublicCameras cameras={data.cameras} />
      </section>

      <section aria-labelledby="canteens-heading">
        <h2 id="canteens-heading">{t('school.canteens')}</h2>
        {data.canteens.length === 0 ? (
          <p className="muted">{t('school.noCanteens')}</p>
        ) : (
          <ul className="canteen-list">
            {data.canteens.map((canteen) => (
              <CanteenCard key={canteen.id} canteen={canteen} />
            ))}
          </ul>
        )}
        <p className="muted small">{t('school.gradeHint')}</p>
      </section>

      {data.publicNotice && (
        <section aria-labelledby="notice-heading">
          <h2 id="notice-heading">{t('school.notice')}</h2>
          <p className="public-notice">{data.publicNotice}</p>
        </section>
      )}
    </article>
  );
}
