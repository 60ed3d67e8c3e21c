// 批量下发: one notice to every school chosen by county and school type, with the number of schools shown
// before sending (GET /api/schools total). POST /api/tasks/bulk is one batch — all or nothing — and its
// idempotency key makes a retried send return the first batch instead of a second one.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { SchoolPage, TaskBulkBody } from '../../../api/types';
import { useSession } from '../../../auth/session';
import { useLiveQuery } from '../../../hooks/use-live-query';
import { CountySelect } from '../../../components/CountySelect';
import { useCounties } from '../../../hooks/use-counties';
import { DeadlineField, PhotoField } from '../shared/fields';
import { OutcomeMessage } from '../shared/OutcomeMessage';
import { useDispatchDraft } from '../shared/use-dispatch-draft';

const SCHOOL_TYPES = ['kindergarten', 'primary', 'middle', 'boarding'] as const;
type SchoolType = (typeof SCHOOL_TYPES)[number];

export function BulkDispatchTab({ onShowSent }: { onShowSent: () => void }) {
  const { t } = useTranslation('desk');
  const { user } = useSession();
  const counties = useCounties();
  const ownCounty = user?.scope.level === 'county' ? user.scope.code : undefined;
  const [county, setCounty] = useState('');
  const [type, setType] = useState<SchoolType | ''>('');
  const { title, setTitle, description, setDescription, deadline, setDeadline, photo, busy, outcome, send } = useDispatchDraft<{
    text: string;
  }>();

  const chosenCounty = ownCounty ?? (county || undefined);
  const hasFilter = Boolean(chosenCounty || type);
  const preview = useLiveQuery<SchoolPage>(
    '/api/schools',
    { county: chosenCounty, type: type || undefined, pageSize: 1 },
    { enabled: hasFilter },
  );
  const count = hasFilter ? preview.data?.total : undefined;

  const target = (): TaskBulkBody['target'] =>
    type ? { kind: 'schoolType', type, county: chosenCounty } : { kind: 'county', code: chosenCounty! };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!hasFilter || !title.trim() || !count) return;
    await send(async (common) => {
      const body: TaskBulkBody = { ...common, target: target() };
      const result = await api.post<{ batchId: string; count: number; replayed: boolean }>('/api/tasks/bulk', body);
      return { text: t(result.replayed ? 'bulk.replayed' : 'bulk.done', { count: result.count }) };
    });
  };

  return (
    <div className="desk-form-page">
      <form className="panel desk-create" onSubmit={(event) => void submit(event)} aria-label={t('bulk.title')}>
        <h2>{t('bulk.title')}</h2>
        {!ownCounty && (
          <CountySelect label={t('bulk.county')} blank={t('bulk.allCounties')} counties={counties} value={county} onChange={setCounty} />
        )}
        <label>
          {t('bulk.schoolType')}
          <select value={type} onChange={(event) => setType(event.target.value as SchoolType | '')}>
            <option value="">{t('bulk.allTypes')}</option>
            {SCHOOL_TYPES.map((option) => (
              <option key={option} value={option}>
                {t(`schoolTypes.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <p className="desk-preview" role="status">
          {hasFilter ? (
            <>
              {t('bulk.previewBefore')} <strong data-testid="bulk-preview-count">{count ?? '…'}</strong> {t('bulk.previewAfter')}
            </>
          ) : (
            <span className="muted">{t('bulk.needFilter')}</span>
          )}
        </p>
        <label>
          {t('bulk.noticeTitle')}
          <input value={title} onChange={(event) => setTitle(event.target.value)} required maxLength={100} />
        </label>
        <label>
          {t('bulk.description')}
          <textarea value={description} onChange={(event) => setDescription(event.target.value)} rows={4} maxLength={2000} />
        </label>
        <DeadlineField label={t('bulk.deadline')} hint={t('bulk.deadlineHint')} value={deadline} onChange={setDeadline} />
        <PhotoField label={t('bulk.attachment')} inputKey={photo.inputKey} onFile={photo.setFile} />
        <div className="desk-form-buttons">
          <button type="submit" className="primary" disabled={busy || !hasFilter || !count || !title.trim()}>
            {busy ? t('bulk.busy') : t('bulk.submit')}
          </button>
        </div>
        <OutcomeMessage
          outcome={outcome}
          testId="bulk"
          action={
            <button type="button" className="link" onClick={onShowSent}>
              {t('bulk.viewTasks')}
            </button>
          }
        />
      </form>
    </div>
  );
}
