// 校历维护 (#/calendar): the school calendar in force for the user's jurisdiction — a month grid of school days,
// holidays and make-up days — and, for city administrators and county operators, its holidays and vacations
// (closed ranges) and make-up days kept and saved through /api/school-calendar with the version read, so a
// change made meanwhile by someone else is reloaded rather than overwritten.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { daysBetween } from '../../../../../analytics/calendar/dates';
import { api, ApiError } from '../../api/client';
import { shanghaiToday } from '../../format/time';
import { useLiveQuery } from '../../hooks/use-live-query';
import { CountySelect } from '../../components/CountySelect';
import { useCounties } from '../../hooks/use-counties';
import './calendar.css';
import { AddField, ExceptionSection } from './ExceptionSection';
import { MonthGrid, shiftMonth } from './MonthGrid';
import type { KeptCalendarValue, SchoolCalendarView } from './types';

const PATH = '/api/school-calendar';
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const sorted = (value: KeptCalendarValue): KeptCalendarValue => ({
  weekdays: [...value.weekdays].sort(),
  closed: [...value.closed].sort((a, b) => a.from.localeCompare(b.from)),
  open: [...value.open].sort((a, b) => a.date.localeCompare(b.date)),
});

export function CalendarPage() {
  const { t } = useTranslation('calendar');
  const client = useQueryClient();
  const counties = useCounties();
  // '' is the user's own node; a city user may open one of its counties' calendars.
  const [at, setAt] = useState('');
  const query = at ? { at } : {};
  const view = useLiveQuery<SchoolCalendarView>(PATH, query, { refreshOn: ['settings.'] });
  const [draft, setDraft] = useState<KeptCalendarValue | null>(null);
  const [month, setMonth] = useState(() => shanghaiToday().slice(0, 7));
  const [range, setRange] = useState({ from: '', to: '', name: '' });
  const [makeUp, setMakeUp] = useState({ date: '', name: '' });
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const data = view.data;
  if (!data) return <div className="cal-page">{view.isError ? <p className="cal-error">{view.error.message}</p> : null}</div>;
  const shown = draft ?? data.value;
  const editable = data.canEdit;
  const edit = (change: (value: KeptCalendarValue) => KeptCalendarValue) => {
    setMessage(null);
    setDraft(sorted(change(shown)));
  };
  const reload = () => client.invalidateQueries({ queryKey: [PATH, query], exact: true });

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

  const submit = async (request: () => Promise<SchoolCalendarView>) => {
    setSaving(true);
    setMessage(null);
    try {
      const saved = await request();
      client.setQueryData([PATH, query], saved);
      setDraft(null);
      setMessage({ kind: 'ok', text: t('saved') });
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
  const save = () => submit(() => api.put<SchoolCalendarView>(`${PATH}/${data.node.code}`, { value: shown, version: data.version }));
  const reset = () =>
    submit(() => api.delete<SchoolCalendarView>(`${PATH}/${data.node.code}?version=${encodeURIComponent(data.version ?? '')}`));
  const ownHere = data.definedAt?.code === data.node.code;

  return (
    <div className="cal-page" data-testid="calendar-page">
      <h1>
        {t('title')} · {data.node.name}
      </h1>
      <p className="cal-muted">{t('intro')}</p>
      {counties.length > 1 && (
        <CountySelect
          className="cal-scope"
          label={`${t('scope')} `}
          blank={t('scopeOwn')}
          counties={counties}
          value={at}
          onChange={(county) => {
            setAt(county);
            setDraft(null);
            setMessage(null);
          }}
        />
      )}
      <p data-testid="calendar-source">
        {data.definedAt ? t(ownHere ? 'source.own' : 'source.inherited', { name: data.definedAt.name }) : t('source.default')}
      </p>
      {!editable && <p className="cal-muted">{t('readOnly')}</p>}

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
              {t('reset')}
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
    </div>
  );
}
