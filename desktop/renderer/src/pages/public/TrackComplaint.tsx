// 投诉进度查询 (#/public/track/<code>): a complaint's status and the bureau's reply, by tracking code.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { ComplaintStatus } from '../../api/types';
import { formatDateTime } from '../../format/time';
import { filedComplaints, isTrackingCode, normalizeCode } from './tracking-code';
import { useComplaintStatus } from './use-public-api';

const STATUS_TONE: Record<ComplaintStatus['status'], string> = { received: 'warn', processing: 'warn', closed: 'ok' };

function StatusCard({ status }: { status: ComplaintStatus }) {
  const { t } = useTranslation('public');
  return (
    <div className="panel complaint-status" data-testid="complaint-status" data-status={status.status}>
      <dl className="facts">
        <dt>{t('track.code')}</dt>
        <dd className="mono">{status.trackingCode}</dd>
        <dt>{t('track.status')}</dt>
        <dd>
          <span className={`badge ${STATUS_TONE[status.status]}`} data-testid="complaint-state">
            {t(`complaintStatus.${status.status}`)}
          </span>
        </dd>
        <dt>{t('track.school')}</dt>
        <dd>{status.school}</dd>
        <dt>{t('track.category')}</dt>
        <dd>{t(`categories.${status.category}`)}</dd>
        <dt>{t('track.filedAt')}</dt>
        <dd>{formatDateTime(status.createdAt)}</dd>
        {status.repliedAt && (
          <>
            <dt>{t('track.repliedAt')}</dt>
            <dd>{formatDateTime(status.repliedAt)}</dd>
          </>
        )}
      </dl>
      <h3>{t('track.reply')}</h3>
      <p className={status.reply ? 'complaint-reply' : 'muted'} data-testid="complaint-reply">
        {status.reply ?? t('track.noReply')}
      </p>
    </div>
  );
}

export function TrackComplaint() {
  const { t } = useTranslation('public');
  const { code } = useParams();
  const navigate = useNavigate();
  const [input, setInput] = useState(code ?? '');
  const [invalid, setInvalid] = useState(false);
  const wanted = code && isTrackingCode(code) ? code : undefined;
  const status = useComplaintStatus(wanted);
  const mine = filedComplaints();
  // A code opened from a link or the list below fills the box too.
  useEffect(() => {
    if (code) setInput(code);
  }, [code]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizeCode(input);
    setInput(normalized);
    if (!isTrackingCode(normalized)) return setInvalid(true);
    setInvalid(false);
    void navigate(`/public/track/${normalized}`);
  };

  return (
    <section className="public-section" aria-labelledby="track-heading">
      <h1 id="track-heading">{t('track.heading')}</h1>
      <form className="public-form track-form" onSubmit={submit}>
        <label className="field">
          <span>{t('track.code')}</span>
          <input
            name="code"
            className="mono"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            value={input}
            placeholder={t('track.codePlaceholder')}
            onChange={(event) => setInput(event.target.value)}
          />
        </label>
        <button type="submit" className="primary big">
          {t('track.submit')}
        </button>
      </form>
      {(invalid || (code && !wanted)) && (
        <p className="public-alert" role="alert">
          {t('track.badCode')}
        </p>
      )}
      {wanted && status.isPending && <p className="muted">{t('common:state.loading')}</p>}
      {status.isError && (
        <p className="public-alert" role="alert">
          {status.error instanceof ApiError && status.error.status === 404
            ? t('track.notFound')
            : t('common:state.error', { message: status.error.message })}
        </p>
      )}
      {wanted && status.data && <StatusCard status={status.data} />}
      {mine.length > 0 && (
        <section aria-labelledby="mine-heading">
          <h2 id="mine-heading">{t('track.mine')}</h2>
          <ul className="my-complaints">
            {mine.map((item) => (
              <li key={item.code}>
                <Link to={`/public/track/${item.code}`}>
                  <span className="mono">{item.code}</span> <span className="muted">{item.school}</span>{' '}
                  <span className="muted">{formatDateTime(item.at)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
