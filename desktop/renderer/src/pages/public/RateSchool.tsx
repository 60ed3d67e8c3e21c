// 我要评价: stars and an optional comment; the school's rating updates at once.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import type { PublicSchoolDetail, RatingBody, RatingSummary } from '../../api/types';
import { BackLink } from './BackLink';
import { publicErrorText } from './public-errors';
import { StarPicker } from './StarPicker';
import { schoolKey, usePublicSchool } from './use-public-api';

export function RateSchool() {
  const { t } = useTranslation('public');
  const { id = '' } = useParams();
  const school = usePublicSchool(id);
  const client = useQueryClient();
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<RatingSummary | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (stars === 0) {
      setError(t('rate.needStars'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: RatingBody = comment.trim() ? { stars, comment: comment.trim() } : { stars };
      const rating = await api.post<RatingSummary>(`/api/public/schools/${id}/ratings`, body);
      client.setQueryData<PublicSchoolDetail>(schoolKey(id), (old) => (old ? { ...old, rating } : old));
      setDone(rating);
    } catch (failure) {
      setError(publicErrorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="public-section" aria-labelledby="rate-heading">
      <BackLink fallback={`/public/school/${id}`} label={t('rate.back')} />
      <h1 id="rate-heading">{t('rate.heading', { school: school.data?.name ?? '' })}</h1>
      {done ? (
        <p className="public-done" role="status" data-testid="rating-thanks">
          {t('rate.thanks', { average: (done.average ?? 0).toFixed(1), count: done.count })}
        </p>
      ) : (
        <form className="public-form" onSubmit={(event) => void submit(event)}>
          <StarPicker value={stars} onChange={setStars} />
          <label className="field">
            <span>{t('rate.comment')}</span>
            <textarea
              name="comment"
              rows={3}
              maxLength={300}
              value={comment}
              placeholder={t('rate.commentPlaceholder')}
              onChange={(event) => setComment(event.target.value)}
            />
          </label>
          {error && (
            <p className="public-alert" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary big" disabled={busy}>
            {busy ? t('rate.submitting') : t('rate.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
