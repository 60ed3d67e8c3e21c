// A rating as five stars, partly filled, with the number beside for screen readers and for tests.
import { useTranslation } from 'react-i18next';
import type { RatingSummary as Rating } from '../../api/types';

export function RatingSummary({ rating }: { rating: Rating }) {
  const { t } = useTranslation('public');
  if (rating.count === 0 || rating.average === null) {
    return (
      <p className="muted" data-testid="rating-summary" data-count="0">
        {t('school.noRatings')}
      </p>
    );
  }
  const average = rating.average.toFixed(1);
  return (
    <p className="rating-summary" data-testid="rating-summary" data-average={average} data-count={rating.count}>
      <span className="stars" aria-hidden="true" style={{ ['--fill' as string]: `${(rating.average / 5) * 100}%` }}>
        ★★★★★
      </span>
      <strong>{t('school.ratingValue', { average })}</strong>
      <span className="muted">{t('school.ratingCount', { count: rating.count })}</span>
    </p>
  );
}
