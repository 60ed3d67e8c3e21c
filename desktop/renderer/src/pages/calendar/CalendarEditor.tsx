// One node's school calendar (the city's, a county's or a school's) as the calendar page shows it: where it
// comes from, a month grid of school days, holidays and make-up days, and — for those who may edit — its
// weekdays, holidays and vacations (closed ranges) and make-up days, saved through /api/school-calendar with
// the version read, so a change made meanwhile by someone else is reloaded rather than overwritten. Removing a
// node's own calendar makes it follow the one above again.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { daysBetween } from '../../../../../analytics/calendar/dates';
import { api, ApiError, type Query } from '../../api/client';
import { AddField, ExceptionSection } from './ExceptionSection';
import { MonthGrid, shiftMonth } from './MonthGrid';
import type { KeptCalendarValue, SchoolCalendarView } from './types';

export const CALENDAR_PATH = '/api/school-calendar';
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const sorted = (value: KeptCalendarValue): KeptCalendarValue => ({
  weekdays: [...value.weekdays].sort(),
  closed: [...value.closed].sort((a, b) => a.from.localeCompare(b.from)),
  open: [...value.open].sort((a, b) => a.date.localeCompare(b.date)),
});

export function CalendarEditor({
  data,
  query,
  month,
  setMonth,
}: {
  data: SchoolCalendarView;
  /** The query the view was read with, whose cached answer a save replaces. */
  query: Query;
  month: string;
  setMonth: (month: string) => void;
}) {
  const { t } = useTranslation('calendar');
  const client = useQueryClient();
  const [draft, setDraft] = useState<KeptCalendarValue | null>(null);
  const [range, setRange] = useState({ from: '', to: '', name: '' });
  const [makeUp, setMakeUp] = useState({ date: '', name: '' });
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const shown = draft ?? data.value;
  const editable = data.canEdit;
  const edit = (change: (value: KeptCalendarValue) => KeptCalendarValue) => {
    setMessage(null);
    setDraft(sorted(change(shown)));
  };
  const reload = () => client.invalidateQueries({ queryKey: [CALENDAR_PATH, query], exact: true });

  const addRange = () => {
    if (!range.from || !range.to) return setMessage({ kind: 'error', text: t('errors.date') });
    if (range.to < range.from) return setMessage({ kind: 'error', text: t('errors.range') });
    if (!range.name.trim()) return setMessage({ kind: 'error', text: t('errors.name') });
    edit((value) => ({ ...value, closed: [...value.closed, { from: range.from, to: range.to, name: range.name.trim() }] }));
    setMonth(range.from.slice(0, 7));
    setRange({ from: '', to: '', name: '' });
  };
  const addMakeUp = () => {
    if (!makeUp.date) return setMessage({ kind: 'error', text: t('errors.date') });
    if (!makeUp.name.trim()) return setMessage({ kind: 'error', text: t('errors.name') });
    edit((value) => ({
      ...value,
      open: [...value.open.filter((day) => day.date !== makeUp.date), { date: makeUp.date, name: makeUp.name.trim() }],
    }));
    setMonth(makeUp.date.slice(0, 7));
    setMakeUp({ date: '', name: '' });
  };

  const submit = async (request: () => Promise<SchoolCalendarView>, done: string) => {
    setSaving(true);
    setMessage(null);
    try {
      const saved = await request();
      client.setQueryData([CALENDAR_PATH, query], saved);
      setDraft(null);
      setMessage({ kind: 'ok', text: done });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'stale_version') {
        setDraft(null);
        await reload();
        setMessage({ kind: 'error', text: t('errors.stale') });
      } else {
        setMessage({ kind: 'error', text: t('errors.failed', { message: (error as Error).message }) });
      }
    } finally {
      setSaving(false);
    }
  };
  const ownHere = data.definedAt?.code === data.node.code;
  const atSchool = data.node.level === 'school';
  const save = () =>
    submit(() => api.put<SchoolCalendarView>(`${CALENDAR_PATH}/${data.node.code}`, { value: shown, version: data.version }), t('saved'));
  const reset = () =>
    submit(
      () => api.delete<SchoolCalendarView>(`${CALENDAR_PATH}/${data.node.code}?version=${encodeURIComponent(data.version ?? '')}`),
      t(atSchool ? 'school.removed' : 'saved'),
    );
  const source = !data.definedAt
    ? t('source.default')
    : ownHere
      ? t(atSchool ? 'school.own' : 'source.own', { name: data.definedAt.name })
      : t('source.inherited', { name: data.definedAt.name });

  return (
    <>
      <p data-testid="calendar-source">{source}</p>
      {!editable && <p className="cal-muted">{t('readOnly')}</p>}
      {editable && atSchool && <p className="cal-muted">{t('school.hint')}</p>}

      <section className="cal-card">
        <div className="cal-toolbar">
          <button type="button" onClick={() => setMonth(shiftMonth(month, -1))}>
            ‹ {t('month.prev')}
          </button>
          <strong data-testid="calendar-month">{t('month.label', { year: month.slice(0, 4), month: Number(month.slice(5)) })}</strong>
          <button type="button" onClick={() => setMonth(shiftMonth(month, 1))}>
            {t('month.next')} ›
          </button>
          <span className="cal-legend">
            {(['school', 'weekend', 'closed', 'open'] as const).map((kind) => (
              <span key={kind} className={`cal-swatch ${kind}`}>
                {t(`kinds.${kind}`)}
              </span>
            ))}
          </span>
        </div>
        <MonthGrid month={month} calendar={shown} />
      </section>

      <section className="cal-card">
        <h2>{t('weekdays')}</h2>
        <div className="cal-weekdays">
          {WEEKDAYS.map((day) => (
            <label key={day}>
              <input
                type="checkbox"
                disabled={!editable}
                checked={shown.weekdays.includes(day)}
                onChange={(event) =>
                  edit((value) => ({
                    ...value,
                    weekdays: event.target.checked ? [...value.weekdays, day] : value.weekdays.filter((d) => d !== day),
                  }))
                }
              />
              {t(`weekdayNames.${day}`)}
            </label>
          ))}
        </div>
      </section>

      <ExceptionSection
        testId="closed-ranges"
        itemTestId="closed-range"
        title={t('closed.title')}
        empty={t('closed.none')}
        items={shown.closed}
        keyOf={(item, i) => `${item.from}-${item.to}-${i}`}
        describe={(item) => (
          <>
            <span>
              {item.from} – {item.to}
            </span>
            <span>{item.name}</span>
            <span className="cal-muted">{t('closed.days', { count: daysBetween(item.from, item.to) + 1 })}</span>
          </>
        )}
        editable={editable}
        onRemove={(index) => edit((value) => ({ ...value, closed: value.closed.filter((_, j) => j !== index) }))}
      >
        <AddField type="date" label={t('closed.from')} value={range.from} onChange={(from) => setRange({ ...range, from })} />
        <AddField type="date" label={t('closed.to')} value={range.to} onChange={(to) => setRange({ ...range, to })} />
        <AddField
          label={t('closed.name')}
          example={t('closed.example')}
          value={range.name}
          onChange={(name) => setRange({ ...range, name })}
        />
        <button type="button" onClick={addRange}>
          {t('closed.add')}
        </button>
      </ExceptionSection>

      <ExceptionSection
        testId="open-days"
        itemTestId="open-day"
        title={t('open.title')}
        empty={t('open.none')}
        items={shown.open}
        keyOf={(item) => item.date}
        describe={(item) => (
          <>
            <span>{item.date}</span>
            <span>{item.name}</span>
          </>
        )}
        editable={editable}
        onRemove={(index) => edit((value) => ({ ...value, open: value.open.filter((_, j) => j !== index) }))}
      >
        <AddField type="date" label={t('open.date')} value={makeUp.date} onChange={(date) => setMakeUp({ ...makeUp, date })} />
        <AddField
          label={t('open.name')}
          example={t('open.example')}
          value={makeUp.name}
          onChange={(name) => setMakeUp({ ...makeUp, name })}
        />
        <button type="button" onClick={addMakeUp}>
          {t('open.add')}
        </button>
      </ExceptionSection>

      {editable && (
        <div className="cal-actions">
          <button type="button" className="cal-primary" disabled={!draft || saving} onClick={() => void save()}>
            {saving ? t('saving') : t('save')}
          </button>
          {draft && (
            <button type="button" onClick={() => setDraft(null)}>
              {t('discard')}
            </button>
          )}
          {ownHere && !draft && (
            <button type="button" disabled={saving} onClick={() => void reset()}>
              {t(atSchool ? 'school.reset' : 'reset')}
            </button>
          )}
          {draft && <span className="cal-muted">{t('unsaved')}</span>}
        </div>
      )}
      {message && (
        <p className={message.kind === 'ok' ? 'cal-ok' : 'cal-error'} data-testid="calendar-message" role="status">
          {message.text}
        </p>
      )}
    </>
  );
}
