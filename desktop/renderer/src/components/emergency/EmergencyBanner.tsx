// A red banner across the top of every page of a city or county user while an emergency report (应急直报)
// they have not acknowledged stands: the school, when, what happened; "查看" opens the report among the
// school's ledgers, "知悉" acknowledges it for this user on the server, so it is gone from every screen they
// are logged in on and the record says who knew when. Sized to be read across a command room.
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isCommand, isCounty, useSession } from '../../auth/session';
import { formatDateTime } from '../../format/time';
import { useEmergencyReports, type EmergencyReport } from './use-emergency-reports';
import './emergency.css';

/** At most this many reports are spelled out; the rest are counted. */
const SHOWN = 3;

function ReportLine({ report, onAcknowledge }: { report: EmergencyReport; onAcknowledge: () => void }) {
  const { t } = useTranslation('emergency');
  const navigate = useNavigate();
  const type = t(`ledgers:emergency.types.${report.type}`, { defaultValue: report.type });
  return (
    <div className="emergency-report" data-report={report.id}>
      <span className="emergency-label">{t('label')}</span>
      <div className="emergency-text">
        <strong>{t('line', { school: report.schoolName, county: report.countyName, type, affected: report.affected })}</strong>
        <span className="emergency-meta">
          {t('reportedAt', { time: formatDateTime(report.reportedAt) })}
          {report.description && ` · ${report.description}`}
        </span>
      </div>
      <div className="emergency-actions">
        <button type="button" onClick={() => void navigate(`/ledgers/schools/${report.schoolId}?kind=emergency_report&entry=${report.id}`)}>
          {t('open')}
        </button>
        <button type="button" className="emergency-ack" onClick={onAcknowledge}>
          {t('acknowledge')}
        </button>
      </div>
    </div>
  );
}

export function EmergencyBanner() {
  const { t } = useTranslation('emergency');
  const { user } = useSession();
  const watching = isCommand(user?.role) || isCounty(user?.role);
  const { pending, acknowledge } = useEmergencyReports(watching && user ? user.id : null);
  if (!watching || pending.length === 0) return null;
  return (
    <div className="emergency-banner" role="alert" data-testid="emergency-banner">
      {pending.slice(0, SHOWN).map((report) => (
        <ReportLine key={report.id} report={report} onAcknowledge={() => acknowledge(report)} />
      ))}
      {pending.length > SHOWN && <p className="emergency-more">{t('more', { count: pending.length - SHOWN })}</p>}
    </div>
  );
}
