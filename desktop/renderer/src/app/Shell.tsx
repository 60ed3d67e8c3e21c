// The frame around every logged-in page: navigation for the user's role, language, who is logged in, and
// the reconnecting banner. Command-room windows (Electron) and `?kiosk` hide the navigation.
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { isAdmin, isCounty, isSchool, useSession } from '../auth/session';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { EmergencyBanner } from '../components/emergency/EmergencyBanner';
import { ReconnectBanner } from '../components/ReconnectBanner';
import { StorageBanner } from '../pages/storage/StorageBanner';

declare global {
  interface Window {
    canteenDesktop?: { shell: 'electron'; view: string };
  }
}

const STAFF_LINKS = ['bigscreen', 'wall', 'desk', 'patrol', 'ledgers', 'assessment', 'calendar'] as const;
/** An administrator (the province's or a city's) also keeps an eye on the platform itself: logins held back, recordings' storage, GB devices. */
const ADMIN_LINKS = [...STAFF_LINKS, 'accounts', 'storage', 'devices'] as const;
/** A county operator sees the county's GB devices (read-only). */
const COUNTY_LINKS = [...STAFF_LINKS, 'devices'] as const;

export function Shell() {
  const { t } = useTranslation();
  const { user, logout } = useSession();
  const kiosk = Boolean(window.canteenDesktop) || new URLSearchParams(location.search).has('kiosk');
  const links = isSchool(user?.role)
    ? (['school', 'ledgers'] as const)
    : isAdmin(user?.role)
      ? ADMIN_LINKS
      : isCounty(user?.role)
        ? COUNTY_LINKS
        : STAFF_LINKS;
  return (
    <div className="shell">
      <ReconnectBanner />
      <EmergencyBanner />
      <StorageBanner />
      {!kiosk && (
        <header className="topbar">
          <span className="brand">{t('appName')}</span>
          <nav>
            {links.map((link) => (
              <NavLink key={link} to={`/${link}`}>
                {t(`nav.${link}`)}
              </NavLink>
            ))}
          </nav>
          <span className="spacer" />
          {user && (
            <span className="who" data-testid="who">
              {user.displayName} · {user.scope.name}
            </span>
          )}
          <LanguageSwitch />
          {/* The guard of the page sends a logged-out user to the login page: one navigation, so a link opened
              right after cannot be overtaken by a second one. */}
          <button type="button" className="link" onClick={() => void logout()}>
            {t('nav.logout')}
          </button>
        </header>
      )}
      <main className="shell-main">
        <Outlet />
      </main>
    </div>
  );
}
