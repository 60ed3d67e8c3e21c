// 新建任务: one rectification task to a county (city operators) or a school, with title, description,
// category, deadline and an optional photo. The idempotency key is made once per filled-in form, so a
// double click or a retry after a lost answer makes one task.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { idempotencyKey, api } from '../../../api/client';
import type { TaskDetail, TaskDispatchBody } from '../../../api/types';
import { useSession } from '../../../auth/session';
import { shanghaiInputToIso } from '../shared/deadline';
import { describeError } from '../shared/describe-error';
import { useCategories } from '../shared/use-categories';
import { useCounties } from '../shared/use-counties';
import { useSchoolSearch } from '../shared/use-schools';
import { uploadPhotos } from '../shared/upload-photo';
import { useRefreshTasks } from '../tasks/use-task-action';

type Outcome = { kind: 'ok'; task: TaskDetail } | { kind: 'error'; text: string } | null;

export function CreateTaskTab({ onOpenTask }: { onOpenTask: (id: string) => void }) {
  const { t } = useTranslation('desk');
  const { user } = useSession();
  const counties = useCounties();
  const { items: categories, nameOf } = useCategories();
  const refreshTasks = useRefreshTasks();
  const mayTargetCounty = user?.scope.level !== 'county';
  const [kind, setKind] = useState<'county' | 'school'>(mayTargetCounty ? 'county' : 'school');
  const [county, setCounty] = useState('');
  const [schoolSearch, setSchoolSearch] = useState('');
  const [school, setSchool] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState('');
  const [deadline, setDeadline] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileInputKey, setFileInputKey] = useState(0);
  const [key, setKey] = useState(idempotencyKey);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const schools = useSchoolSearch({ q: schoolSearch }, kind === 'school');

  const assignee = kind === 'county' ? county : school;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!assignee || !title.trim()) return;
    setBusy(true);
    setOutcome(null);
    try {
      const body: TaskDispatchBody = {
        title: title.trim(),
        description: description.trim(),
        assignee,
        category: (category || undefined) as TaskDispatchBody['category'],
        deadline: shanghaiInputToIso(deadline),
        attachmentIds: await uploadPhotos(file),
        idempotencyKey: key,
      };
      const task = await api.post<TaskDetail>('/api/tasks', body);
      setOutcome({ kind: 'ok', task });
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
      <form className="panel desk-create" onSubmit={(event) => void submit(event)} aria-label={t('create.title')}>
        <h2>{t('create.title')}</h2>
        {mayTargetCounty && (
          <fieldset className="desk-radios">
            <legend>{t('create.targetKind')}</legend>
            <label className="desk-check">
              <input type="radio" name="create-kind" checked={kind === 'county'} onChange={() => setKind('county')} />
              {t('create.toCounty')}
            </label>
            <label className="desk-check">
              <input type="radio" name="create-kind" checked={kind === 'school'} onChange={() => setKind('school')} />
              {t('create.toSchool')}
            </label>
          </fieldset>
        )}
        {kind === 'county' ? (
          <label>
            {t('create.county')}
            <select value={county} onChange={(event) => setCounty(event.target.value)} required>
              <option value="">{t('create.chooseCounty')}</option>
              {counties.map((option) => (
                <option key={option.code} value={option.code}>
                  {option.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <>
            <label>
              {t('create.findSchool')}
              <input
                type="search"
                value={schoolSearch}
                placeholder={t('create.findSchoolPlaceholder')}
                onChange={(event) => setSchoolSearch(event.target.value)}
              />
            </label>
            <label>
              {t('create.school')}
              <select value={school} onChange={(event) => setSchool(event.target.value)} required>
                <option value="">{t('create.chooseSchool')}</option>
                {(schools.data?.items ?? []).map((option) => (
                  <option key={option.code} value={option.code}>
                    {option.name}（{option.county.name}）
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <label>
          {t('create.taskTitle')}
          <input value={title} onChange={(event) => setTitle(event.target.value)} required maxLength={100} />
        </label>
        <label>
          {t('create.description')}
          <textarea value={description} onChange={(event) => setDescription(event.target.value)} rows={4} maxLength={2000} />
        </label>
        <label>
          {t('create.category')}
          <select value={category} onChange={(event) => setCategory(event.target.value)}>
            <option value="">{t('create.noCategory')}</option>
            {categories.map((option) => (
              <option key={option.code} value={option.code}>
                {nameOf(option.code)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('create.deadline')}
          <input type="datetime-local" value={deadline} onChange={(event) => setDeadline(event.target.value)} />
          <small className="muted">{t('create.deadlineHint')}</small>
        </label>
        <label>
          {t('create.attachment')}
          <input
            key={fileInputKey}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </label>
        <div className="desk-form-buttons">
          <button type="submit" className="primary" disabled={busy || !assignee || !title.trim()}>
            {busy ? t('create.busy') : t('create.submit')}
          </button>
        </div>
        {outcome?.kind === 'error' && (
          <p className="error" role="alert" data-testid="create-error">
            {outcome.text}
          </p>
        )}
        {outcome?.kind === 'ok' && (
          <p className="desk-ok" role="status" data-testid="create-result">
            {t('create.created', { code: outcome.task.code, title: outcome.task.title })}{' '}
            <button type="button" className="link" onClick={() => onOpenTask(outcome.task.id)}>
              {t('create.openTask')}
            </button>
          </p>
        )}
      </form>
    </div>
  );
}
