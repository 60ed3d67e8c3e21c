// 校历维护 (#/calendar): the school calendar in force for the user's jurisdiction, a county of it (city users)
// or one school of a county — a boarding school with Saturday classes, a school closed for renovation keeps
// its own. The choice lives in the URL (#/calendar?county=…&school=…), so a reload or a shared link keeps it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/session';
import { CountySelect } from '../../components/CountySelect';
import { shanghaiToday } from '../../format/time';
import { useCounties } from '../../hooks/use-counties';
import { useLiveQuery } from '../../hooks/use-live-query';
import './calendar.css';
import { CALENDAR_PATH, CalendarEditor } from './CalendarEditor';
import { SchoolPicker } from './SchoolPicker';
import type { SchoolCalendarView } from './types';

export function CalendarPage() {
  const { t } = useTranslation('calendar');
  const { user } = useSession();
  const counties = useCounties();
  const [params, setParams] = useSearchParams();
  const chosenCounty = params.get('county') ?? '';
  const school = params.get('school') ?? '';
  // No choice: the user's own node.
  const at = school || chosenCounty;
  const query = at ? { at } : {};
  const view = useLiveQuery<SchoolCalendarView>(CALENDAR_PATH, query, { refreshOn: ['settings.'] });
  const [month, setMonth] = useState(() => shanghaiToday().slice(0, 7));
  // Whose schools may be searched: the chosen county, or a county operator's own.
  const county = user?.scope.level === 'county' ? user.scope.code : chosenCounty;

  const choose = (changes: { county?: string; school?: string }) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });

  const data = view.data;
  const showingSchool = school !== '' && data?.node.level === 'school';
  return (
    <div className="cal-page" data-testid="calendar-page">
      <h1>
        {t('title')}
        {data && ` · ${data.node.name}`}
      </h1>
      <p className="cal-muted">{t('intro')}</p>
      <div className="cal-scope-bar">
        {counties.length > 1 && (
          <CountySelect
            className="cal-scope"
            label={`${t('scope')} `}
            blank={t('scopeOwn')}
            counties={counties}
            value={chosenCounty}
            onChange={(code) => choose({ county: code, school: '' })}
          />
        )}
        {county && <SchoolPicker county={county} onChoose={(found) => choose({ school: found.nodeCode })} />}
        {!county && counties.length > 1 && <span className="cal-muted">{t('school.chooseCounty')}</span>}
      </div>
      {showingSchool && (
        <p className="cal-chosen-school" data-testid="calendar-school">
          <span>{t('school.current', { name: data.node.name })}</span>
          <button type="button" className="link" onClick={() => choose({ school: '' })}>
            {t('school.back')}
          </button>
        </p>
      )}
      {view.isError && <p className="cal-error">{view.error.message}</p>}
      {data && <CalendarEditor key={data.node.code} data={data} query={query} month={month} setMonth={setMonth} />}
    </div>
  );
}
