// 阳光食堂公众查询 (#/public): what a parent opens on a phone, without logging in. Find a school, read its
// public information and watch its public cameras, rate it, complain, and track the complaint by its code.
// Nothing here asks anyone to log in.
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Route, Routes } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ComplainForm } from './ComplainForm';
import { RateSchool } from './RateSchool';
import { SchoolInfo } from './SchoolInfo';
import { SchoolSearch } from './SchoolSearch';
import { TrackComplaint } from './TrackComplaint';
import './public.css';

export function PublicPage() {
  const { t } = useTranslation('public');
  return (
    <div className="public-page">
      <header className="public-header">
        <Link to="/public" className="public-brand">
          {t('title')}
        </Link>
        <LanguageSwitch />
      </header>
      <nav className="public-nav" aria-label={t('title')}>
        <NavLink to="/public" end>
          {t('nav.search')}
        </NavLink>
        <NavLink to="/public/track">{t('nav.track')}</NavLink>
      </nav>
      <main className="public-main">
        <Routes>
          <Route index element={<SchoolSearch />} />
          <Route path="school/:id" element={<SchoolInfo />} />
          <Route path="school/:id/rate" element={<RateSchool />} />
          <Route path="school/:id/complain" element={<ComplainForm />} />
          <Route path="track" element={<TrackComplaint />} />
          <Route path="track/:code" element={<TrackComplaint />} />
          <Route path="*" element={<SchoolSearch />} />
        </Routes>
      </main>
    </div>
  );
}
