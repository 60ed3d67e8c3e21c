// One canteen's public facts: how it is run, how many eat there, its food business licence and whether it
// is still valid, and its risk grade.
import { useTranslation } from 'react-i18next';
import type { PublicSchoolDetail } from '../../api/types';
import { formatDate } from '../../format/time';

type Canteen = PublicSchoolDetail['canteens'][number];

const LICENCE_TONE: Record<Canteen['licenceStatus'], string> = { valid: 'ok', expiring: 'warn', expired: 'bad' };

export function CanteenCard({ canteen }: { canteen: Canteen }) {
  const { t } = useTranslation('public');
  const { t: tc } = useTranslation();
  return (
    <li className="panel canteen-card" data-testid="canteen">
      <h3>{canteen.name}</h3>
      <dl className="facts">
        <dt>{t('school.operationMode')}</dt>
        <dd>{t(`operationModes.${canteen.operationMode}`)}</dd>
        <dt>{t('school.diners')}</dt>
        <dd>{t('school.dinersValue', { count: canteen.diners })}</dd>
        <dt>{t('school.licence')}</dt>
        <dd data-testid="licence-no">{canteen.licenceNo}</dd>
        <dt>{t('school.licenceExpiry')}</dt>
        <dd>
          {formatDate(canteen.licenceExpiry)}{' '}
          <span className={`badge ${LICENCE_TONE[canteen.licenceStatus]}`} data-testid="licence-status">
            {t(`licenceStatus.${canteen.licenceStatus}`)}
          </span>
        </dd>
        <dt>{t('school.riskGrade')}</dt>
        <dd data-testid="risk-grade" data-grade={canteen.riskGrade ?? ''}>
          {canteen.riskGrade ? (
            <strong className={`grade-${canteen.riskGrade}`}>{tc(`grades.${canteen.riskGrade}`)}</strong>
          ) : (
            <span className="muted">{t('school.ungraded')}</span>
          )}
        </dd>
      </dl>
    </li>
  );
}
