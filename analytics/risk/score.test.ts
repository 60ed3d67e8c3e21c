import { describe, expect, it } from 'vitest';
import {
  assessCanteenRisk,
  NETWORK_PATROLS_PER_ON_SITE_INSPECTION,
  ON_SITE_INSPECTIONS_PER_YEAR,
  PATROL_INTERVAL_DAYS,
  patrolIntervalDays,
  RISK_GRADES,
  riskGradeOf,
  type RiskAssessment,
  type RiskInput,
  UNLICENSED_MIN_SCORE,
} from './index';

const codes = (assessment: RiskAssessment) => assessment.factors.map((f) => f.code);
const pointsOf = (assessment: RiskAssessment, code: string) => assessment.factors.find((f) => f.code === code)?.points;
const sum = (assessment: RiskAssessment) => Math.round(assessment.factors.reduce((total, f) => total + f.points, 0) * 100) / 100;

// A small middle-school canteen, run by the school: 6 (middle) + 2 (≤ 100 diners) = 8 static points.
const small: RiskInput['profile'] = { schoolType: 'middle', diners: 80, operationMode: 'self_run' };
// A large contracted kindergarten canteen: 12 + 10 (≤ 2,000) + 8 = 30 static points.
const kindergarten: RiskInput['profile'] = { schoolType: 'kindergarten', diners: 1500, operationMode: 'contracted' };
// A big contracted boarding-school canteen: 6 + 12 (> 2,000) + 8 (boarding) + 8 = 34 static points.
const boarding: RiskInput['profile'] = { schoolType: 'boarding', diners: 2500, operationMode: 'contracted' };

describe('risk grade thresholds (A ≤ 30 < B ≤ 45 < C ≤ 60 < D)', () => {
  it('grades on the score rounded to two decimals', () => {
    expect([0, 12.5, 30, 30.001, 30.01, 30.5, 45, 45.004, 45.01, 60, 60.01, 100].map(riskGradeOf)).toEqual([
      'A',
      'A',
      'A',
      'A',
      'B',
      'B',
      'B',
      'B',
      'C',
      'C',
      'D',
      'D',
    ]);
  });

  it('30 → A: static 8, two overdue tasks (10) and three failed patrols (12)', () => {
    const result = assessCanteenRisk({ profile: small, record: { overdueTasksOpen: 2, patrols: 5, failedPatrols: 3 } });
    expect(result).toMatchObject({ score: 30, grade: 'A', static: 8, dynamic: 22 });
    expect(codes(result)).toEqual(['patrol_failed', 'overdue_tasks', 'school_type', 'diners']);
    expect(result.factors.find((f) => f.code === 'patrol_failed')).toMatchObject({
      label: '巡查/检查不合格',
      part: 'dynamic',
      points: 12,
      evidence: { failed: 3, patrols: 5 },
    });
    expect(sum(result)).toBe(result.score);
  });

  it('30.5 → B: the same canteen with one confirmed alert over 2,000 camera-days (0.5)', () => {
    const result = assessCanteenRisk({
      profile: small,
      record: { overdueTasksOpen: 2, patrols: 5, failedPatrols: 3, confirmedAlerts: 1, cameraDays: 2000 },
    });
    expect(result).toMatchObject({ score: 30.5, grade: 'B' });
    expect(result.factors.find((f) => f.code === 'confirmed_alerts')).toMatchObject({
      label: '确认的视频预警',
      points: 0.5,
      evidence: { alerts: 1, cameraDays: 2000, per100CameraDays: 0.05 },
    });
    expect(sum(result)).toBe(30.5);
  });

  it('45 → B and 45.01 → C: a contracted kindergarten with overdue tasks and complaints', () => {
    const record = { overdueTasksOpen: 2, complaintsFounded: 1, complaintsOpen: 1 };
    const at45 = assessCanteenRisk({ profile: kindergarten, record });
    expect(at45).toMatchObject({ score: 45, grade: 'B', static: 30, dynamic: 15 });
    expect(codes(at45)).toEqual(['school_type', 'diners', 'overdue_tasks', 'contracted', 'complaints']);
    expect(pointsOf(at45, 'overdue_tasks')).toBe(10);
    expect(pointsOf(at45, 'complaints')).toBe(5);
    expect(at45.factors.find((f) => f.code === 'complaints')!.evidence).toEqual({ founded: 1, open: 1 });

    const at4501 = assessCanteenRisk({ profile: kindergarten, record: { ...record, confirmedAlerts: 1, cameraDays: 100_000 } });
    expect(at4501).toMatchObject({ score: 45.01, grade: 'C' });
    expect(pointsOf(at4501, 'confirmed_alerts')).toBe(0.01);
  });

  it('60 → C and 60.01 → D: a boarding canteen with key-item failures, certificates and cameras down', () => {
    const record = {
      keyItemsFailed: 3,
      licenceExpired: true,
      licenceExpiredDays: 12,
      expiredHealthCerts: 2,
      cameras: 8,
      camerasReporting: 8,
      camerasOnline: 6,
      complaintsOpen: 1,
    };
    const at60 = assessCanteenRisk({ profile: boarding, record });
    expect(at60).toMatchObject({ score: 60, grade: 'C', static: 34, dynamic: 26 });
    expect(new Set(codes(at60))).toEqual(
      new Set([
        'school_type',
        'diners',
        'boarding',
        'contracted',
        'key_items_failed',
        'licence_expired',
        'health_certs_expired',
        'camera_availability',
        'complaints',
      ]),
    );
    expect(at60.factors.find((f) => f.code === 'camera_availability')).toMatchObject({
      points: 2,
      evidence: { cameras: 8, reporting: 8, online: 6, onlineShare: 0.75 },
    });
    expect(at60.factors.find((f) => f.code === 'licence_expired')!.evidence).toEqual({ expired: true, days: 12 });

    const at6001 = assessCanteenRisk({ profile: boarding, record: { ...record, confirmedAlerts: 1, cameraDays: 100_000 } });
    expect(at6001).toMatchObject({ score: 60.01, grade: 'D' });
  });
});

describe('risk factors', () => {
  it('a clean canteen is graded on what it is: only static factors, self-run and day pupils give nothing', () => {
    const result = assessCanteenRisk({
      profile: { schoolType: 'primary', diners: 500, operationMode: 'self_run' },
      record: { patrols: 6, failedPatrols: 0, cameras: 8, camerasReporting: 8, camerasOnline: 8, ledgerCompleteness: 1 },
    });
    expect(result).toMatchObject({ score: 16, grade: 'A', static: 16, dynamic: 0 });
    expect(codes(result)).toEqual(['school_type', 'diners']);
  });

  it('caps each part: static at most 40, dynamic at most 60, and says so in the explanation', () => {
    const result = assessCanteenRisk({
      profile: { schoolType: 'kindergarten', diners: 5000, boarding: true, operationMode: 'contracted' },
      record: {
        patrols: 10,
        failedPatrols: 10,
        keyItemsFailed: 10,
        confirmedAlerts: 50,
        cameraDays: 240,
        overdueTasksOpen: 4,
        complaintsFounded: 5,
        licenceExpired: true,
        expiredHealthCerts: 9,
        cameras: 0,
        ledgerCompleteness: 0,
      },
    });
    expect(result).toMatchObject({ score: 100, grade: 'D', static: 40, dynamic: 60 });
    // 12 + 9 + 12 + 10 + 8 + 10 + 6 + 8 + 6 = 81 before the cap.
    expect(result.factors.at(-1)).toMatchObject({ code: 'dynamic_cap', points: -21, evidence: { uncapped: 81 } });
    expect(sum(result)).toBe(100);
    expect(pointsOf(result, 'camera_availability')).toBe(8);
    expect(result.factors.find((f) => f.code === 'camera_availability')!.evidence).toEqual({ cameras: 0, reporting: 0, online: 0 });
  });

  it('treats unknown evidence as neutral: no camera reports yet, no ledger data, no health-certificate data', () => {
    const result = assessCanteenRisk({
      profile: small,
      record: { cameras: 8, camerasReporting: 0, camerasOnline: 0, ledgerCompleteness: null },
    });
    expect(result.dynamic).toBe(0);
    expect(assessCanteenRisk({ profile: small }).score).toBe(8);
  });

  it('weighs ledger completeness and confirmed alerts continuously', () => {
    const half = assessCanteenRisk({ profile: small, record: { ledgerCompleteness: 0.5 } });
    expect(half.factors.find((f) => f.code === 'ledger_incomplete')).toMatchObject({ label: '电子台账不完整', points: 3 });
    const alerts = assessCanteenRisk({ profile: small, record: { confirmedAlerts: 3, cameraDays: 720 } });
    // 3 alerts over 720 camera-days = 0.417 per 100 → 4.17 points.
    expect(pointsOf(alerts, 'confirmed_alerts')).toBe(4.17);
    // More alerts over the same camera-days never score less.
    const more = assessCanteenRisk({ profile: small, record: { confirmedAlerts: 4, cameraDays: 720 } });
    expect(more.score).toBeGreaterThan(alerts.score);
  });

  it('grades a canteen whose licence has expired C at least, however clean the rest of its record', () => {
    // Static 8 and a clean record: the lapsed licence weighs 38, to 46 (the lowest whole score of C), not 10.
    const lapsed = assessCanteenRisk({ profile: small, record: { licenceExpired: true, licenceExpiredDays: 179 } });
    expect(lapsed).toMatchObject({ score: UNLICENSED_MIN_SCORE, grade: 'C', static: 8, dynamic: 38 });
    expect(lapsed.factors.find((f) => f.code === 'licence_expired')).toMatchObject({
      label: '许可证过期',
      points: 38,
      evidence: { expired: true, days: 179, minScore: UNLICENSED_MIN_SCORE },
    });
    expect(sum(lapsed)).toBe(lapsed.score);
    // The same canteen with a valid licence is A; a worse record is not lifted further than it already is.
    expect(assessCanteenRisk({ profile: small }).grade).toBe('A');
    const worse = assessCanteenRisk({ profile: boarding, record: { licenceExpired: true, overdueTasksOpen: 2 } });
    expect(worse).toMatchObject({ score: 54, grade: 'C' });
    expect(pointsOf(worse, 'licence_expired')).toBe(10);
  });

  it('weighs a licence near its last valid day a little, and not once it is further off', () => {
    expect(pointsOf(assessCanteenRisk({ profile: small, record: { licenceDaysLeft: 0 } }), 'licence_expiring')).toBe(3);
    expect(pointsOf(assessCanteenRisk({ profile: small, record: { licenceDaysLeft: 30 } }), 'licence_expiring')).toBe(3);
    expect(pointsOf(assessCanteenRisk({ profile: small, record: { licenceDaysLeft: 31 } }), 'licence_expiring')).toBeUndefined();
  });

  it('counts a late-closed task less than one still overdue', () => {
    const open = assessCanteenRisk({ profile: small, record: { overdueTasksOpen: 1 } });
    const closed = assessCanteenRisk({ profile: small, record: { overdueTasksClosedLate: 1 } });
    expect(pointsOf(open, 'overdue_tasks')).toBe(5);
    expect(pointsOf(closed, 'overdue_tasks')).toBe(2);
  });
});

describe('patrol intervals per grade', () => {
  it('scales the on-site frequencies of the rules (A 1, B 1–2, C 2–3, D 3–4 a year) to network patrols', () => {
    expect(ON_SITE_INSPECTIONS_PER_YEAR).toEqual({ A: [1, 1], B: [1, 2], C: [2, 3], D: [3, 4] });
    expect(PATROL_INTERVAL_DAYS).toEqual({ A: 91, B: 46, C: 30, D: 23 });
    for (const grade of RISK_GRADES) {
      const perYear = 365 / patrolIntervalDays(grade);
      expect(perYear).toBeCloseTo(ON_SITE_INSPECTIONS_PER_YEAR[grade][1] * NETWORK_PATROLS_PER_ON_SITE_INSPECTION, 0);
    }
  });
});
