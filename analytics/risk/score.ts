// Canteen risk grading: a static part (what the canteen is) and a dynamic part (how it has been doing) make a
// 0–100 score, explained by the factors that made it. Pure: no database, no clock.
import { riskGradeOf, round2 } from './grading';
import type { CanteenProfile, CanteenRecord, RiskAssessment, RiskFactor, RiskInput } from './types';
import {
  DYNAMIC_MAX,
  FACTOR_LABELS,
  LICENCE_EXPIRING_WITHIN_DAYS,
  RISK_WEIGHTS,
  STATIC_MAX,
  UNLICENSED_MIN_SCORE,
  type RiskFactorCode,
} from './weights';

const factor = (code: RiskFactorCode, part: RiskFactor['part'], points: number, evidence: RiskFactor['evidence']): RiskFactor => ({
  code,
  label: FACTOR_LABELS[code],
  part,
  points: round2(points),
  evidence,
});

const count = (value: number | undefined) => (value !== undefined && Number.isFinite(value) && value > 0 ? value : 0);

/** The static factors: every one applies (with its points, possibly zero for a self-run canteen). */
export function staticFactors(profile: CanteenProfile): RiskFactor[] {
  const weights = RISK_WEIGHTS.static;
  const diners = Math.max(0, Math.round(profile.diners));
  const band = weights.diners.find(([upTo]) => diners <= upTo) ?? weights.diners[weights.diners.length - 1]!;
  const boarding = profile.boarding ?? profile.schoolType === 'boarding';
  const factors = [
    factor('school_type', 'static', weights.schoolType[profile.schoolType], { type: profile.schoolType }),
    factor('diners', 'static', band[1], { diners }),
  ];
  if (boarding) factors.push(factor('boarding', 'static', weights.boarding, { boarding: true }));
  if (profile.operationMode === 'contracted') factors.push(factor('contracted', 'static', weights.contracted, { mode: 'contracted' }));
  return factors;
}

/** The dynamic factors that give points (a clean record gives none). */
export function dynamicFactors(record: CanteenRecord = {}): RiskFactor[] {
  const weights = RISK_WEIGHTS.dynamic;
  const factors: RiskFactor[] = [];

  const failed = count(record.failedPatrols);
  if (failed > 0) {
    factors.push(
      factor('patrol_failed', 'dynamic', Math.min(weights.patrolFailed.max, failed * weights.patrolFailed.each), {
        failed,
        patrols: Math.max(failed, count(record.patrols)),
      }),
    );
  }
  const keyItems = count(record.keyItemsFailed);
  if (keyItems > 0) {
    factors.push(
      factor('key_items_failed', 'dynamic', Math.min(weights.keyItemsFailed.max, keyItems * weights.keyItemsFailed.each), { keyItems }),
    );
  }

  const alerts = count(record.confirmedAlerts);
  if (alerts > 0) {
    // Alerts per 100 camera-days; without any camera-days (no camera) the alerts count as seen over one.
    const cameraDays = Math.max(1, count(record.cameraDays));
    const per100 = (alerts * 100) / cameraDays;
    factors.push(
      factor('confirmed_alerts', 'dynamic', Math.min(weights.confirmedAlerts.max, per100 * weights.confirmedAlerts.per100CameraDays), {
        alerts,
        cameraDays: round2(cameraDays),
        per100CameraDays: Math.round(per100 * 1000) / 1000,
      }),
    );
  }

  const open = count(record.overdueTasksOpen);
  const closedLate = count(record.overdueTasksClosedLate);
  if (open + closedLate > 0) {
    const points = open * weights.overdueTasks.open + closedLate * weights.overdueTasks.closedLate;
    factors.push(factor('overdue_tasks', 'dynamic', Math.min(weights.overdueTasks.max, points), { open, closedLate }));
  }

  const founded = count(record.complaintsFounded);
  const pending = count(record.complaintsOpen);
  if (founded + pending > 0) {
    const points = founded * weights.complaints.founded + pending * weights.complaints.open;
    factors.push(factor('complaints', 'dynamic', Math.min(weights.complaints.max, points), { founded, open: pending }));
  }

  if (record.licenceExpired) {
    factors.push(
      factor('licence_expired', 'dynamic', weights.licenceExpired, {
        expired: true,
        ...(record.licenceExpiredDays !== undefined ? { days: record.licenceExpiredDays } : {}),
      }),
    );
  } else if (
    record.licenceDaysLeft !== undefined &&
    record.licenceDaysLeft >= 0 &&
    record.licenceDaysLeft <= LICENCE_EXPIRING_WITHIN_DAYS
  ) {
    factors.push(factor('licence_expiring', 'dynamic', weights.licenceExpiring, { daysLeft: record.licenceDaysLeft }));
  }
  const certs = count(record.expiredHealthCerts);
  if (certs > 0) {
    factors.push(
      factor('health_certs_expired', 'dynamic', Math.min(weights.healthCertsExpired.max, certs * weights.healthCertsExpired.each), {
        certificates: certs,
      }),
    );
  }

  // Camera availability: unknown when no camera has reported yet (neutral); no camera at all is the worst case.
  if (record.cameras !== undefined) {
    const cameras = count(record.cameras);
    const reporting = Math.min(cameras, count(record.camerasReporting));
    const online = Math.min(reporting, count(record.camerasOnline));
    const max = weights.cameraAvailability.max;
    const points = cameras === 0 ? max : reporting === 0 ? 0 : max * (1 - online / reporting);
    if (points > 0) {
      factors.push(
        factor('camera_availability', 'dynamic', points, {
          cameras,
          reporting,
          online,
          ...(reporting > 0 ? { onlineShare: round2(online / reporting) } : {}),
        }),
      );
    }
  }

  if (record.ledgerCompleteness !== undefined && record.ledgerCompleteness !== null && Number.isFinite(record.ledgerCompleteness)) {
    const completeness = Math.min(1, Math.max(0, record.ledgerCompleteness));
    const points = weights.ledgerIncomplete.max * (1 - completeness);
    if (points > 0) factors.push(factor('ledger_incomplete', 'dynamic', points, { completeness: round2(completeness) }));
  }
  return factors;
}

/**
 * An expired licence weighs at least as much as lifts the score to UNLICENSED_MIN_SCORE (grade C): running
 * without a licence is against the law whatever else the record says (weights.ts).
 */
function liftUnlicensed(statics: RiskFactor[], dynamics: RiskFactor[]): RiskFactor[] {
  const licence = dynamics.find((f) => f.code === 'licence_expired');
  if (!licence) return dynamics;
  const staticPoints = Math.min(
    STATIC_MAX,
    statics.reduce((sum, f) => sum + f.points, 0),
  );
  const dynamicPoints = dynamics.reduce((sum, f) => sum + f.points, 0);
  const missing = UNLICENSED_MIN_SCORE - (staticPoints + Math.min(DYNAMIC_MAX, dynamicPoints));
  if (missing <= 0) return dynamics;
  const lifted = factor('licence_expired', 'dynamic', licence.points + missing, { ...licence.evidence, minScore: UNLICENSED_MIN_SCORE });
  return dynamics.map((f) => (f === licence ? lifted : f));
}

const byPoints = (a: RiskFactor, b: RiskFactor) => b.points - a.points || a.code.localeCompare(b.code);

/** The score, grade and explanation of one canteen. */
export function assessCanteenRisk(input: RiskInput): RiskAssessment {
  const statics = staticFactors(input.profile);
  const dynamics = liftUnlicensed(statics, dynamicFactors(input.record));
  const staticPoints = Math.min(STATIC_MAX, round2(statics.reduce((sum, f) => sum + f.points, 0)));
  const rawDynamic = round2(dynamics.reduce((sum, f) => sum + f.points, 0));
  const dynamicPoints = Math.min(DYNAMIC_MAX, rawDynamic);
  const factors = [...statics, ...dynamics].filter((f) => f.points > 0).sort(byPoints);
  // The cap is a factor too, so that the explanation always adds up to the score.
  if (rawDynamic > DYNAMIC_MAX) factors.push(factor('dynamic_cap', 'dynamic', DYNAMIC_MAX - rawDynamic, { uncapped: rawDynamic }));
  const score = round2(staticPoints + dynamicPoints);
  return { score, grade: riskGradeOf(score), static: staticPoints, dynamic: dynamicPoints, factors };
}
