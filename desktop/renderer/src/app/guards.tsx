import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { homeOf, useSession, type Role } from '../auth/session';

/** Shows `element` to the given roles; sends anyone else to log in or to their own home page. */
export function RequireRole({ roles, element }: { roles: readonly Role[]; element: ReactElement }) {
  const { user } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (user === undefined) return <div className="page-loading">{t('state.loading')}</div>;
  // The query is kept too, so a link such as #/school?task=<id> lands on its task after logging in.
  if (user === null) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!roles.includes(user.role)) return <Navigate to={homeOf(user.role)} replace />;
  return element;
}

export function Home() {
  const { user } = useSession();
  const { t } = useTranslation();
  if (user === undefined) return <div className="page-loading">{t('state.loading')}</div>;
  return <Navigate to={user ? homeOf(user.role) : '/login'} replace />;
}
