// Routes of the renderer (hash URLs, so the Electron windows and the server's static files need no
// rewriting): each screen a command room or a phone shows, guarded by role. The server enforces scope;
// the guard only spares a user pages that would answer 403.
import { QueryClientProvider } from '@tanstack/react-query';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { queryClient } from '../api/query-client';
import { SessionProvider } from '../auth/session';
import { AccountsPage } from '../pages/accounts/AccountsPage';
import { AssessmentPage } from '../pages/assessment/AssessmentPage';
import { BigScreenPage } from '../pages/bigscreen/BigScreenPage';
import { CalendarPage } from '../pages/calendar/CalendarPage';
import { DeskPage } from '../pages/desk/DeskPage';
import { DevicesPage } from '../pages/devices/DevicesPage';
import { LedgersPage } from '../pages/ledgers/LedgersPage';
import { LoginPage } from '../pages/login/LoginPage';
import { PatrolPage } from '../pages/patrol/PatrolPage';
import { PublicPage } from '../pages/public/PublicPage';
import { SchoolPage } from '../pages/school/SchoolPage';
import { StoragePage } from '../pages/storage/StoragePage';
import { WallPage } from '../pages/wall/WallPage';
import { Home, RequireRole } from './guards';
import { Shell } from './Shell';

const ADMINS = ['province_admin', 'city_admin'] as const;
const STAFF = [...ADMINS, 'province_operator', 'city_operator', 'county_operator'] as const;

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <HashRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/public/*" element={<PublicPage />} />
            <Route element={<Shell />}>
              <Route path="/bigscreen/*" element={<RequireRole roles={STAFF} element={<BigScreenPage />} />} />
              <Route path="/wall/*" element={<RequireRole roles={STAFF} element={<WallPage />} />} />
              <Route path="/desk/*" element={<RequireRole roles={STAFF} element={<DeskPage />} />} />
              <Route path="/patrol/*" element={<RequireRole roles={STAFF} element={<PatrolPage />} />} />
              <Route path="/school/*" element={<RequireRole roles={['school_manager']} element={<SchoolPage />} />} />
              <Route path="/assessment/*" element={<RequireRole roles={STAFF} element={<AssessmentPage />} />} />
              <Route path="/calendar" element={<RequireRole roles={STAFF} element={<CalendarPage />} />} />
              <Route path="/accounts" element={<RequireRole roles={ADMINS} element={<AccountsPage />} />} />
              <Route path="/storage" element={<RequireRole roles={ADMINS} element={<StoragePage />} />} />
              <Route path="/devices" element={<RequireRole roles={[...ADMINS, 'county_operator']} element={<DevicesPage />} />} />
              <Route path="/ledgers/*" element={<RequireRole roles={[...STAFF, 'school_manager']} element={<LedgersPage />} />} />
            </Route>
            <Route path="/" element={<Home />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </HashRouter>
      </SessionProvider>
    </QueryClientProvider>
  );
}
