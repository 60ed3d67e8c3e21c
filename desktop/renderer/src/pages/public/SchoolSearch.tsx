// 查找学校: by part of the name (or address), optionally within one county. The search lives in the URL
// (?q=&county=), so going back from a school returns to the same results.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCounties, useSchoolSearch } from './use-public-api';

export function SchoolSearch() {
  const { t } = useTranslation('public');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const county = params.get('county') ?? '';
  const [name, setName] = useState(q);
  const [area, setArea] = useState(county);
  const counties = useCounties();
  const results = useSchoolSearch(q, county);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (name.trim()) next.set('q', name.trim());
    if (area) next.set('county', area);
    setParams(next);
  };

  return (
    <section className="public-section" aria-labelledby="search-heading">
      <p className="muted public-subtitle">{t('subtitle')}</p>
      <h1 id="search-heading">{t('search.heading')}</h1>
      <form className="public-form" role="search" onSubmit={submit}>
        <label className="field">
          <span>{t('search.name')}</span>
          <input
            type="search"
            name="q"
            value={name}
            maxLength={50}
            placeholder={t('search.namePlaceholder')}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('search.county')}</span>
          <select name="county" value={area} onChange={(event) => setArea(event.target.value)}>
            <option value="">{t('search.allCounties')}</option>
            {counties.data?.items.map((item) => (
              <option key={item.code} value={item.code}>
                {item.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary big">
          {t('search.submit')}
        </button>
      </form>

      {!q && !county && <p className="muted">{t('search.prompt')}</p>}
      {results.isFetching && !results.data && <p className="muted">{t('common:state.loading')}</p>}
      {results.isError && (
        <p className="public-alert" role="alert">
          {t('common:state.error', { message: results.error.message })}
        </p>
      )}
      {results.data && (
        <div className="search-results" data-testid="search-results">
          <p className="muted" role="status">
            {results.data.total === 0 ? t('search.none') : t('search.count', { total: results.data.total })}
          </p>
          <ul className="school-results">
            {results.data.items.map((school) => (
              <li key={school.id}>
                <Link to={`/public/school/${school.id}`} className="school-result" data-testid="school-result">
                  <span className="school-result-name">{school.name}</span>
                  <span className="muted">
                    {t(`schoolTypes.${school.type}`)} · {school.county.name}
                  </span>
                  <span className="muted school-result-address">{school.address}</span>
                </Link>
              </li>
            ))}
          </ul>
          {results.data.total > results.data.items.length && (
            <p className="muted">{t('search.more', { shown: results.data.items.length })}</p>
          )}
        </div>
      )}
    </section>
  );
}
