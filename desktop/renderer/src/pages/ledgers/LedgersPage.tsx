// 台账 (#/ledgers/*): a school manager records its ledgers on a phone; city and county staff see completeness
// per county and school and open any school's ledgers in their scope (the server enforces the scope).
import { Navigate, Route, Routes } from 'react-router';
import { isSchool, useSession } from '../../auth/session';
import { AccompanimentForm } from './AccompanimentForm';
import { DisinfectionForm } from './DisinfectionForm';
import { EmergencyForm } from './EmergencyForm';
import { MenuForm } from './MenuForm';
import { MorningCheckForm } from './MorningCheckForm';
import { Overview } from './Overview';
import { PurchaseForm } from './PurchaseForm';
import { RegistersPage } from './RegistersPage';
import { RetainedSamples } from './RetainedSamples';
import { SampleForm } from './SampleForm';
import { SchoolHome } from './SchoolHome';
import { SchoolLedgers } from './SchoolLedgers';
import { SelfInspectionForm } from './SelfInspectionForm';
import '../school/school.css';
import './ledgers.css';

export function LedgersPage() {
  const { user } = useSession();
  if (isSchool(user?.role)) {
    return (
      <div className="school-page ledgers-page">
        <Routes>
          <Route index element={<SchoolHome />} />
          <Route path="morning-check" element={<MorningCheckForm />} />
          <Route path="sample" element={<SampleForm />} />
          <Route path="samples" element={<RetainedSamples />} />
          <Route path="accompaniment" element={<AccompanimentForm />} />
          <Route path="purchase" element={<PurchaseForm />} />
          <Route path="self-inspection" element={<SelfInspectionForm />} />
          <Route path="emergency" element={<EmergencyForm />} />
          <Route path="menu" element={<MenuForm />} />
          <Route path="disinfection" element={<DisinfectionForm />} />
          <Route path="staff" element={<RegistersPage />} />
          <Route path="*" element={<Navigate to="/ledgers" replace />} />
        </Routes>
      </div>
    );
  }
  return (
    <div className="ledgers-page ledgers-staff">
      <Routes>
        <Route path="overview" element={<Overview />} />
        <Route path="schools/:id" element={<SchoolLedgers />} />
        <Route path="*" element={<Navigate to="/ledgers/overview" replace />} />
      </Routes>
    </div>
  );
}
