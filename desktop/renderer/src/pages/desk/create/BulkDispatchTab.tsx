// 批量下发: one notice to every school chosen by county and school type, with the number of schools shown
// before sending (GET /api/schools total). POST /api/tasks/bulk is one batch — all or nothing — and its
// idempotency key makes a retried send return the first batch instead of a second one.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, idempotencyKey } from '../../../api/client';
import type { SchoolPage, TaskBulkBody } from '../../../api/types';
import { useSession } from '../../../auth/session';
import { useLiveQuery } from '../../../hooks/use-live-query';
import { shanghaiInputToIso } from '../shared/deadline';
import { describeError } from '../shared/describe-error';
import { useCounties } from '../shared/use-counties';
import { uploadPhotos } from '../shared/upload-photo';
import { useRefreshTasks } from '../tasks/use-task-action';

const SCHOOL_TYPES = ['kindergarten', 'primary', 'middle', 'boarding'] as const;
type SchoolType = (typeof SCHOOL_TYPES)[number];
type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string } | null;

export function BulkDispatchTab({ onShowSent }: { onShowSent: () => void }) {
  const { t } = useTranslation('desk');
  const { user } = useSession();
  const counties = useCounties();
  const refreshTasks = useRefreshTasks();
  const ownCounty = user?.scope.level === 'county' ? user.scope.code : undefined;
  const [county, setCounty] = useState('');
  const [type, setType] = useState<SchoolType | ''>('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [deadline, setDeadline] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileInputKey, setFileInputKey] = useState(0);
  const [key, setKey] = useState(idempotencyKey);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

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
    setBusy(true);
    setOutcome(null);
    try {
      const body: TaskBulkBody = {
        title: title.trim(),
        description: description.trim(),
        target: target(),
        deadline: shanghaiInputToIso(deadline),
        attachmentIds: await uploadPhotos(file),
        idempotencyKey: key,
      };
      const result = await api.post<{ batchId: string; count: number; replayed: boolean }>('/api/tasks/bulk', body);
      setOutcome({ kind: 'ok', text: t(result.replayed ? 'bulk.replayed' : 'bulk.done', { count: result.count }) });
      setTitle('');
      setDescription('');
      setFile(null);
      setFileInputKey((n) => n + 1);
      setKey(idempotencyKey());
      refreshTasks();
    } catch (error) {
      setOutcome({ kind: 'error', text: describeError(t, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="desk-form-page">
      <form className="panel desk-create" onSubmit={(event) => void submit(event)} aria-label={t('bulk.title')}>
        <h2>{t('bulk.title')}</h2>
        {!ownCounty && (
          <label>
            {t('bulk.county')}
            <select value={county} onChange={(event) => setCounty(event.target.value)}>
              <option value="">{t('bulk.allCounties')}</option>
              {counties.map((option) => (
                <option key={option.code} value={option.code}>
                  {option.name}
                </option>
              ))}
            </select>
          </label>
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
        <label>
          {t('bulk.deadline')}
          <input type="datetime-local" value={deadline} onChange={(event) => setDeadline(event.target.value)} />
          <small className="muted">{t('bulk.deadlineHint')}</small>
        </label>
        <label>
          {t('bulk.attachment')}
          <input
            key={fileInputKey}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </label>
        <div className="desk-form-buttons">
          <button type="submit" className="primary" disabled={busy || !hasFilter || !count || !title.trim()}>
            {busy ? t('bulk.busy') : t('bulk.submit')}
          </button>
        </div>
        {outcome?.kind === 'error' && (
          <p className="error" role="alert" data-testid="bulk-error">
            {outcome.text}
          </p>
        )}
        {outcome?.kind === 'ok' && (
          <p className="desk-ok" role="status" data-testid="bulk-result">
            {outcome.text}{' '}
            <button type="button" className="link" onClick={onShowSent}>
              {t('bulk.viewTasks')}
            </button>
          </p>
        )}
      </form>
    </div>
  );
}
