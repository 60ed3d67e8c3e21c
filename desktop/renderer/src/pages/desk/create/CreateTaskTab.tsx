// 新建任务: one rectification task to a county (city operators) or a school, with title, description,
// category, deadline and an optional photo. The idempotency key is made once per filled-in form, so a
// double click or a retry after a lost answer makes one task.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { TaskDetail, TaskDispatchBody } from '../../../api/types';
import { useSession } from '../../../auth/session';
import { CountySelect } from '../../../components/CountySelect';
import { useCounties } from '../../../hooks/use-counties';
import { SchoolSearchField } from '../../../components/SchoolSearchField';
import { useSchoolSearch } from '../../../hooks/use-school-search';
import { DeadlineField, PhotoField } from '../shared/fields';
import { OutcomeMessage } from '../shared/OutcomeMessage';
import { useCategories } from '../../../hooks/use-categories';
import { useDispatchDraft } from '../shared/use-dispatch-draft';

export function CreateTaskTab({ onOpenTask }: { onOpenTask: (id: string) => void }) {
  const { t } = useTranslation('desk');
  const { user } = useSession();
  const counties = useCounties();
  const { items: categories, nameOf } = useCategories();
  const mayTargetCounty = user?.scope.level !== 'county';
  const [kind, setKind] = useState<'county' | 'school'>(mayTargetCounty ? 'county' : 'school');
  const [county, setCounty] = useState('');
  const [schoolSearch, setSchoolSearch] = useState('');
  const [school, setSchool] = useState('');
  const [category, setCategory] = useState('');
  const { title, setTitle, description, setDescription, deadline, setDeadline, photo, busy, outcome, send } = useDispatchDraft<{
    task: TaskDetail;
  }>();
  const schools = useSchoolSearch({ q: schoolSearch }, kind === 'school');

  const assignee = kind === 'county' ? county : school;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!assignee || !title.trim()) return;
    await send(async (common) => {
      const body: TaskDispatchBody = { ...common, assignee, category: (category || undefined) as TaskDispatchBody['category'] };
      return { task: await api.post<TaskDetail>('/api/tasks', body) };
    });
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
          <CountySelect
            label={t('create.county')}
            blank={t('create.chooseCounty')}
            counties={counties}
            value={county}
            onChange={setCounty}
            required
          />
        ) : (
          <>
            <SchoolSearchField
              label={t('create.findSchool')}
              placeholder={t('create.findSchoolPlaceholder')}
              value={schoolSearch}
              onChange={setSchoolSearch}
            />
            <label>
              {t('create.school')}
              <select value={school} onChange={(event) => setSchool(event.target.value)} required>
                <option value="">{t('create.chooseSchool')}</option>
                {(schools.data?.items ?? []).map((option) => (
                  <option key={option.nodeCode} value={option.nodeCode}>
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
        <DeadlineField label={t('create.deadline')} hint={t('create.deadlineHint')} value={deadline} onChange={setDeadline} />
        <PhotoField label={t('create.attachment')} inputKey={photo.inputKey} onFile={photo.setFile} />
        <div className="desk-form-buttons">
          <button type="submit" className="primary" disabled={busy || !assignee || !title.trim()}>
            {busy ? t('create.busy') : t('create.submit')}
          </button>
        </div>
        <OutcomeMessage
          outcome={
            outcome?.kind === 'ok'
              ? { kind: 'ok', text: t('create.created', { code: outcome.task.code, title: outcome.task.title }) }
              : outcome
          }
          testId="create"
          action={
            outcome?.kind === 'ok' && (
              <button type="button" className="link" onClick={() => onOpenTask(outcome.task.id)}>
                {t('create.openTask')}
              </button>
            )
          }
        />
      </form>
    </div>
  );
}
