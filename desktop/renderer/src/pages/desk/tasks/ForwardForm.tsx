// 转派: a county passes its task to one or more of its schools, each as a child task, with a deadline no
// later than its own (blank keeps the same) and a note. A task about one school (made from its alert, say)
// starts with that school chosen.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert, SchoolDetail, TaskDetail } from '../../../api/types';
import { formatDateTime } from '../../../format/time';
import { shanghaiInputToIso } from '../shared/deadline';
import { SchoolSearchField } from '../../../components/SchoolSearchField';
import { useLiveQuery } from '../../../hooks/use-live-query';
import { useSchoolSearch } from '../../../hooks/use-school-search';
import { ActionFormButtons, DeadlineField } from '../shared/fields';

export function ForwardForm({
  task,
  busy,
  onSubmit,
  onClose,
}: {
  task: TaskDetail;
  busy: boolean;
  onSubmit: (input: { schools: string[]; deadline?: string; note?: string }) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('desk');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Map<string, string>>(new Map());
  const [deadline, setDeadline] = useState('');
  const [note, setNote] = useState('');
  const schools = useSchoolSearch({ county: task.assignee.code, q: search });
  usePreselectTaskSchool(task, setChosen);

  const toggle = (code: string, name: string) =>
    setChosen((previous) => {
      const next = new Map(previous);
      if (next.has(code)) next.delete(code);
      else next.set(code, name);
      return next;
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen.size === 0) return;
    onSubmit({ schools: [...chosen.keys()], deadline: shanghaiInputToIso(deadline), note: note.trim() || undefined });
  };

  const listed = schools.data?.items ?? [];
  const chosenElsewhere = [...chosen].filter(([code]) => !listed.some((school) => school.nodeCode === code));
  return (
    <form className="desk-action-form" onSubmit={submit} aria-label={t('forms.forwardTitle')}>
      <h4>{t('forms.forwardTitle')}</h4>
      <SchoolSearchField
        label={t('forms.findSchool')}
        placeholder={t('forms.findSchoolPlaceholder')}
        value={search}
        onChange={setSearch}
        autoFocus
      />
      <fieldset className="desk-school-choices">
        <legend>
          {t('forms.forwardSchools')} · {t('forms.selectedSchools', { count: chosen.size })}
        </legend>
        {chosenElsewhere.map(([code, name]) => (
          <label key={code} className="desk-check">
            <input type="checkbox" checked onChange={() => toggle(code, name)} />
            {name}
          </label>
        ))}
        {listed.map((school) => (
          <label key={school.nodeCode} className="desk-check">
            <input type="checkbox" checked={chosen.has(school.nodeCode)} onChange={() => toggle(school.nodeCode, school.name)} />
            {school.name}
            <span className="muted">{school.code}</span>
          </label>
        ))}
        {schools.isSuccess && listed.length === 0 && <p className="muted">{t('forms.noSchools')}</p>}
      </fieldset>
      <DeadlineField
        label={t('forms.forwardDeadline')}
        hint={t('forms.forwardDeadlineHint', { deadline: formatDateTime(task.deadline) })}
        value={deadline}
        onChange={setDeadline}
      />
      <label>
        {t('forms.forwardNote')}
        <textarea value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} rows={2} />
      </label>
      <ActionFormButtons submitLabel={t('forms.forwardSubmit')} busy={busy} disabled={chosen.size === 0} onClose={onClose} />
    </form>
  );
}

/**
 * Chooses the task's school once its node code is known, unless the operator has chosen already. A county's
 * task made from an alert may name no school (its assignee is the county): the alert names it.
 */
function usePreselectTaskSchool(task: TaskDetail, setChosen: (update: (previous: Map<string, string>) => Map<string, string>) => void) {
  const alertId = task.school ? undefined : task.evidence?.alertId;
  const alert = useLiveQuery<Alert>(`/api/alerts/${alertId}`, undefined, { enabled: Boolean(alertId) });
  const schoolId = task.school?.id ?? alert.data?.school.id;
  const school = useLiveQuery<SchoolDetail>(`/api/schools/${schoolId}`, undefined, { enabled: Boolean(schoolId) });
  const done = useRef(false);
  useEffect(() => {
    if (!school.data || done.current) return;
    done.current = true;
    const { nodeCode, name } = school.data;
    setChosen((previous) => (previous.size > 0 ? previous : new Map([[nodeCode, name]])));
  }, [school.data, setChosen]);
}
