// The weights of canteen risk grading, in one table. The frame is the national rules for risk-graded
// supervision of food businesses (食品生产经营风险分级管理办法（试行）, CFDA 2016): a static part of at most 40
// points (what the business is: who eats there, how many, how it is run) and a dynamic part of at most 60
// points (how it is doing: inspection and patrol results, violations, rectification, complaints, licences,
// records), 0–100 in all, graded A ≤ 30 < B ≤ 45 < C ≤ 60 < D. The rules leave the items and their points
// to each province; these are ours for school canteens, documented here and changed only here.
//
// Static part (at most 40 = 12 + 12 + 8 + 8)
// | factor            | code            | points                                                          |
// | ----------------- | --------------- | --------------------------------------------------------------- |
// | diners' age group | school_type     | kindergarten 12, primary 9, middle 6, boarding 6                 |
// | size (diners)     | diners          | ≤ 100: 2, ≤ 300: 4, ≤ 1,000: 7, ≤ 2,000: 10, more: 12            |
// | boarding          | boarding        | 8 (three meals a day, evenings and weekends)                     |
// | operation mode    | contracted      | contracted (承包经营) 8, self-run 0                               |
//
// Dynamic part (at most 60; the items below add up to more, and the sum is capped)
// | factor                      | code                  | points                                          | cap |
// | --------------------------- | --------------------- | ----------------------------------------------- | --- |
// | failed patrols/inspections  | patrol_failed         | 4 per failed record                             | 12  |
// | failed key items            | key_items_failed      | 3 per failed key item (关键项)                   | 9   |
// | confirmed video alerts      | confirmed_alerts      | 10 per confirmed alert per 100 camera-days      | 12  |
// | overdue rectification tasks | overdue_tasks         | 5 per overdue task still open, 2 per late-closed | 10  |
// | complaints                  | complaints            | 4 per founded complaint, 1 per one still open   | 8   |
// | expired licence             | licence_expired       | 10, and at least enough to make the grade C (*) | 38  |
// | licence expiring soon       | licence_expiring      | 3 within LICENCE_EXPIRING_WITHIN_DAYS of expiry | 3   |
// | expired health certificates | health_certs_expired  | 2 per certificate                               | 6   |
// | camera availability         | camera_availability   | 8 × (1 − share of reporting cameras online); 8 with no camera | 8 |
// | ledger completeness         | ledger_incomplete     | 6 × (1 − completeness); none when unknown       | 6   |
//
// (*) A canteen whose food business licence has expired runs without a licence (无证经营), which the Food
// Safety Law forbids outright; the 2016 rules (第十三条) raise the grade of a business that breaks the law. So
// the expired licence weighs at least as much as lifts the whole score to UNLICENSED_MIN_SCORE (the lowest
// whole score of grade C): a small canteen with a clean record and a lapsed licence is C, never A or B.
//
// From the school ledgers (台账): `health_certs_expired` counts the active staff of the canteen's school (those
// of this canteen or of none in particular) whose health certificate is past its last valid day or not on
// record, as the ledger warning rule judges them. `ledger_incomplete` is the school's completeness of its
// required ledgers (analytics/ledgers ledgerCompleteness) over the LEDGER_COMPLETENESS_WINDOW_DAYS days before
// today, counted from the day ledgers are required (setting ledgers.requiredFrom), else from the school's first
// entry; unknown — neither, or no school day in the window — gives no points. Open ledger alerts are not a
// factor of their own: each is raised by one of these conditions (an expired certificate or licence, missing
// records), which already give their points, so counting the alerts too would weigh the same fact twice (the
// same reason ledger alerts are left out of `confirmed_alerts`).
//
// Evidence is counted over the last RISK_EVIDENCE_WINDOW_DAYS days (open overdue tasks whenever they fell
// due). A camera counts its days in the window since it was installed, at least MIN_CAMERA_EXPOSURE_DAYS,
// so a canteen that has just come onto the platform is not graded on a handful of camera-days.
import { EXPIRING_WITHIN_DAYS } from '../ledgers/thresholds';
import type { RiskGrade, SchoolType } from './types';

export const STATIC_MAX = 40;
export const DYNAMIC_MAX = 60;

/** Upper bounds of grades A, B and C (inclusive); above C is D. */
export const GRADE_BOUNDS: ReadonlyArray<readonly [RiskGrade, number]> = [
  ['A', 30],
  ['B', 45],
  ['C', 60],
];

export const RISK_EVIDENCE_WINDOW_DAYS = 90;
/** A licence this many days or fewer from its last valid day is expiring: as the ledger warnings judge it. */
export const LICENCE_EXPIRING_WITHIN_DAYS = EXPIRING_WITHIN_DAYS;
/** The least score of a canteen with an expired licence: the lowest whole score of grade C (B ends at 45). */
export const UNLICENSED_MIN_SCORE = 46;
export const MIN_CAMERA_EXPOSURE_DAYS = 30;
/** Ledger completeness is judged over this many finished days (up to yesterday). */
export const LEDGER_COMPLETENESS_WINDOW_DAYS = 30;

export const RISK_WEIGHTS = {
  static: {
    schoolType: { kindergarten: 12, primary: 9, middle: 6, boarding: 6 } satisfies Record<SchoolType, number>,
    /** [up to this many diners (inclusive), points]; the last band has no upper bound. */
    diners: [
      [100, 2],
      [300, 4],
      [1000, 7],
      [2000, 10],
      [Number.POSITIVE_INFINITY, 12],
    ] as ReadonlyArray<readonly [number, number]>,
    boarding: 8,
    contracted: 8,
  },
  dynamic: {
    patrolFailed: { each: 4, max: 12 },
    keyItemsFailed: { each: 3, max: 9 },
    confirmedAlerts: { per100CameraDays: 10, max: 12 },
    overdueTasks: { open: 5, closedLate: 2, max: 10 },
    complaints: { founded: 4, open: 1, max: 8 },
    licenceExpired: 10,
    licenceExpiring: 3,
    healthCertsExpired: { each: 2, max: 6 },
    cameraAvailability: { max: 8 },
    ledgerIncomplete: { max: 6 },
  },
} as const;

/** Chinese labels of the factors, as the UI shows them. */
export const FACTOR_LABELS = {
  school_type: '供餐对象',
  diners: '供餐规模',
  boarding: '寄宿制',
  contracted: '承包经营',
  patrol_failed: '巡查/检查不合格',
  key_items_failed: '关键项不合格',
  confirmed_alerts: '确认的视频预警',
  overdue_tasks: '整改逾期',
  complaints: '群众投诉',
  licence_expired: '许可证过期',
  licence_expiring: '许可证即将到期',
  health_certs_expired: '健康证过期',
  camera_availability: '摄像头在线率低',
  ledger_incomplete: '电子台账不完整',
  dynamic_cap: '动态风险分值封顶（60分）',
} as const;

export type RiskFactorCode = keyof typeof FACTOR_LABELS;
