import { describe, expect, it } from 'vitest';
import {
  assessUnits,
  byIndicator,
  DEFAULT_WEIGHTS,
  INDICATOR_CODES,
  scoreCounts,
  sumCounts,
  type AssessmentCounts,
  type AssessmentUnit,
} from './index';

// A hand-made quarter (2026-Q3) of four Chengde counties. Default weights: usage .10, patrol coverage .15,
// patrol pass .15, rectification .15, on-time .10, alert handling .10, camera online .10, complaints .05,
// ledger completeness .10.
const counties: AssessmentUnit[] = [
  {
    // 双桥区, every indicator present (Σw = 1):
    // usage 450/500 = .9, coverage 40/50 = .8, pass 72/80 = .9, rectification 18/20 = .9, on time 9/18 = .5,
    // alerts 60/80 = .75, cameras 950/1000 = .95, complaints 4/5 = .8, ledgers 800/1000 = .8
    // score = 100 × (.09 + .12 + .135 + .135 + .05 + .075 + .095 + .04 + .08) = 82.00
    id: '130802',
    name: '双桥区',
    counts: {
      schoolDays: 500,
      schoolDaysWithLedgerActivity: 450,
      canteens: 50,
      canteensPatrolled: 40,
      patrols: 80,
      patrolsPassed: 72,
      tasksDue: 20,
      tasksClosed: 18,
      tasksClosedOnTime: 9,
      alertsRaised: 80,
      alertsHandledInTime: 60,
      cameraSecondsObserved: 1000,
      cameraSecondsOnline: 950,
      complaintsReceived: 5,
      complaintsClosed: 4,
      ledgerItemsRequired: 1000,
      ledgerItemsPresent: 800,
    },
  },
  {
    // 双滦区, no complaint received: complaint resolution is absent (0/0) and Σw over the rest = .95.
    // usage 400/500 = .8, coverage 30/30 = 1, pass 32/40 = .8, rectification 8/10 = .8, on time 4/8 = .5,
    // alerts 40/50 = .8, cameras 900/1000 = .9, ledgers 700/1000 = .7
    // Σ wᵢrᵢ = .08 + .15 + .12 + .12 + .05 + .08 + .09 + .07 = .76; score = 100 × .76 / .95 = 80.00
    id: '130803',
    name: '双滦区',
    counts: {
      schoolDays: 500,
      schoolDaysWithLedgerActivity: 400,
      canteens: 30,
      canteensPatrolled: 30,
      patrols: 40,
      patrolsPassed: 32,
      tasksDue: 10,
      tasksClosed: 8,
      tasksClosedOnTime: 4,
      alertsRaised: 50,
      alertsHandledInTime: 40,
      cameraSecondsObserved: 1000,
      cameraSecondsOnline: 900,
      complaintsReceived: 0,
      complaintsClosed: 0,
      ledgerItemsRequired: 1000,
      ledgerItemsPresent: 700,
    },
  },
  {
    // 兴隆县, every indicator present:
    // usage 600/600 = 1, coverage 36/60 = .6, pass 40/50 = .8, rectification 10/10 = 1, on time 6/10 = .6,
    // alerts 32/40 = .8, cameras 1600/2000 = .8, complaints 3/5 = .6, ledgers 1080/1200 = .9
    // score = 100 × (.10 + .09 + .12 + .15 + .06 + .08 + .08 + .03 + .09) = 80.00, level with 双滦区
    id: '130822',
    name: '兴隆县',
    counts: {
      schoolDays: 600,
      schoolDaysWithLedgerActivity: 600,
      canteens: 60,
      canteensPatrolled: 36,
      patrols: 50,
      patrolsPassed: 40,
      tasksDue: 10,
      tasksClosed: 10,
      tasksClosedOnTime: 6,
      alertsRaised: 40,
      alertsHandledInTime: 32,
      cameraSecondsObserved: 2000,
      cameraSecondsOnline: 1600,
      complaintsReceived: 5,
      complaintsClosed: 3,
      ledgerItemsRequired: 1200,
      ledgerItemsPresent: 1080,
    },
  },
  {
    // 平泉市, no task fell due: rectification and on-time are absent, Σw = 1 − .15 − .10 = .75.
    // usage 200/400 = .5, coverage 20/50 = .4, pass 18/30 = .6, alerts 10/20 = .5, cameras 800/800 = 1,
    // complaints 1/5 = .2, ledgers 900/1000 = .9
    // Σ wᵢrᵢ = .05 + .06 + .09 + .05 + .10 + .01 + .09 = .45; score = 100 × .45 / .75 = 60.00
    id: '130881',
    name: '平泉市',
    counts: {
      schoolDays: 400,
      schoolDaysWithLedgerActivity: 200,
      canteens: 50,
      canteensPatrolled: 20,
      patrols: 30,
      patrolsPassed: 18,
      alertsRaised: 20,
      alertsHandledInTime: 10,
      cameraSecondsObserved: 800,
      cameraSecondsOnline: 800,
      complaintsReceived: 5,
      complaintsClosed: 1,
      ledgerItemsRequired: 1000,
      ledgerItemsPresent: 900,
    },
  },
];

/** The same share p (in percent) for every indicator, so the score is p. On-time counts among the closed tasks. */
const uniform = (p: number): AssessmentCounts => ({
  schoolDays: 100,
  schoolDaysWithLedgerActivity: p,
  canteens: 100,
  canteensPatrolled: p,
  patrols: 100,
  patrolsPassed: p,
  tasksDue: 100 * 100,
  tasksClosed: 100 * p,
  tasksClosedOnTime: p * p,
  alertsRaised: 100,
  alertsHandledInTime: p,
  cameraSecondsObserved: 100,
  cameraSecondsOnline: p,
  complaintsReceived: 100,
  complaintsClosed: p,
  ledgerItemsRequired: 100,
  ledgerItemsPresent: p,
});

// 2026-Q2: 双滦区 90 (1st), 双桥区 75 (2nd), 兴隆县 70 (3rd), 平泉市 60 (4th).
const previousQuarter: AssessmentUnit[] = [
  { id: '130802', counts: uniform(75) },
  { id: '130803', counts: uniform(90) },
  { id: '130822', counts: uniform(70) },
  { id: '130881', counts: uniform(60) },
];

describe('county assessment on a hand-made quarter', () => {
  const result = assessUnits(counties, { previous: previousQuarter });
  const county = (id: string) => result.find((entry) => entry.id === id)!;

  it('scores and ranks: 82.00 (1), 80.00 and 80.00 (2, 2), 60.00 (4), ties by id', () => {
    expect(result.map(({ id, name, score, rank }) => ({ id, name, score, rank }))).toEqual([
      { id: '130802', name: '双桥区', score: 82, rank: 1 },
      { id: '130803', name: '双滦区', score: 80, rank: 2 },
      { id: '130822', name: '兴隆县', score: 80, rank: 2 },
      { id: '130881', name: '平泉市', score: 60, rank: 4 },
    ]);
  });

  it('reports each rate as its counts give it', () => {
    const rates = (id: string) => Object.fromEntries(county(id).indicators.map((indicator) => [indicator.code, indicator.rate]));
    expect(rates('130802')).toEqual({
      platform_usage: 0.9,
      patrol_coverage: 0.8,
      patrol_pass: 0.9,
      rectification: 0.9,
      rectification_on_time: 0.5,
      alert_handling: 0.75,
      camera_online: 0.95,
      complaint_resolution: 0.8,
      ledger_completeness: 0.8,
    });
    expect(rates('130803')).toMatchObject({ patrol_coverage: 1, rectification_on_time: 0.5, complaint_resolution: null });
    expect(rates('130881')).toMatchObject({ rectification: null, rectification_on_time: null, complaint_resolution: 0.2 });
    expect(byIndicator(county('130822').indicators).patrol_coverage).toMatchObject({ numerator: 36, denominator: 60, rate: 0.6 });
  });

  it('explains the score: each indicator’s points, with absent weights shared out', () => {
    // 双桥区, Σw = 1: points = 100 × w × rate.
    const points = (id: string) => Object.fromEntries(county(id).indicators.map((indicator) => [indicator.code, indicator.points]));
    expect(points('130802')).toEqual({
      platform_usage: 9,
      patrol_coverage: 12,
      patrol_pass: 13.5,
      rectification: 13.5,
      rectification_on_time: 5,
      alert_handling: 7.5,
      camera_online: 9.5,
      complaint_resolution: 4,
      ledger_completeness: 8,
    });
    // 平泉市, Σw = .75: usage .05/.75 = 6.67, coverage .06/.75 = 8, pass .09/.75 = 12, alerts 6.67,
    // cameras .10/.75 = 13.33, complaints .01/.75 = 1.33, ledgers 12; 60.00 in all.
    expect(points('130881')).toEqual({
      platform_usage: 6.67,
      patrol_coverage: 8,
      patrol_pass: 12,
      rectification: 0,
      rectification_on_time: 0,
      alert_handling: 6.67,
      camera_online: 13.33,
      complaint_resolution: 1.33,
      ledger_completeness: 12,
    });
    const pingquan = byIndicator(county('130881').indicators);
    expect(pingquan.rectification).toMatchObject({ weight: 0.15, effectiveWeight: 0, rate: null });
    expect(pingquan.patrol_coverage.effectiveWeight).toBeCloseTo(0.2, 12); // .15 / .75
    const effective = county('130881').indicators.reduce((sum, indicator) => sum + indicator.effectiveWeight, 0);
    expect(effective).toBeCloseTo(1, 12);
    // 双滦区, Σw = .95: coverage .15 × 1 / .95 = 15.79; complaints absent.
    expect(points('130803')).toMatchObject({ patrol_coverage: 15.79, ledger_completeness: 7.37, complaint_resolution: 0 });
  });

  it('gives the change from the last quarter: score delta and places climbed', () => {
    expect(result.map(({ id, previous, scoreDelta, rankDelta }) => ({ id, previous, scoreDelta, rankDelta }))).toEqual([
      // 双桥区 75 → 82 (+7), 2nd → 1st (+1)
      { id: '130802', previous: { score: 75, rank: 2 }, scoreDelta: 7, rankDelta: 1 },
      // 双滦区 90 → 80 (−10), 1st → 2nd (−1)
      { id: '130803', previous: { score: 90, rank: 1 }, scoreDelta: -10, rankDelta: -1 },
      // 兴隆县 70 → 80 (+10), 3rd → 2nd (+1)
      { id: '130822', previous: { score: 70, rank: 3 }, scoreDelta: 10, rankDelta: 1 },
      // 平泉市 60 → 60, 4th → 4th
      { id: '130881', previous: { score: 60, rank: 4 }, scoreDelta: 0, rankDelta: 0 },
    ]);
  });

  it('has no change for a unit not assessed last time, nor without a previous period', () => {
    const withNewcomer = assessUnits([...counties, { id: '130821', name: '承德县', counts: uniform(50) }], { previous: previousQuarter });
    expect(withNewcomer.at(-1)).toMatchObject({ id: '130821', score: 50, rank: 5, previous: null, scoreDelta: null, rankDelta: null });
    expect(assessUnits(counties)[0]).toMatchObject({ previous: null, scoreDelta: null, rankDelta: null });
  });

  it('takes other weights: patrol coverage alone ranks 双滦区 (100) over 双桥区 (80), 兴隆县 (60), 平泉市 (40)', () => {
    const coverageOnly = Object.fromEntries(INDICATOR_CODES.map((code) => [code, code === 'patrol_coverage' ? 1 : 0]));
    expect(assessUnits(counties, { weights: coverageOnly }).map(({ id, score, rank }) => [id, score, rank])).toEqual([
      ['130803', 100, 1],
      ['130802', 80, 2],
      ['130822', 60, 3],
      ['130881', 40, 4],
    ]);
    // Weights are relative: twice the defaults give the same scores.
    const doubled = Object.fromEntries(INDICATOR_CODES.map((code) => [code, DEFAULT_WEIGHTS[code] * 2]));
    expect(assessUnits(counties, { weights: doubled }).map((entry) => entry.score)).toEqual([82, 80, 80, 60]);
  });
});

describe('school assessment within a county', () => {
  // 兴隆县's schools; their counts add up to the county's above.
  const schools: AssessmentUnit[] = [
    {
      // Everything at 1, no complaint (absent): 100.00.
      id: 's-1',
      name: '兴隆一中',
      counts: {
        schoolDays: 200,
        schoolDaysWithLedgerActivity: 200,
        canteens: 20,
        canteensPatrolled: 20,
        patrols: 20,
        patrolsPassed: 20,
        tasksDue: 4,
        tasksClosed: 4,
        tasksClosedOnTime: 4,
        alertsRaised: 20,
        alertsHandledInTime: 20,
        cameraSecondsObserved: 800,
        cameraSecondsOnline: 800,
        ledgerItemsRequired: 400,
        ledgerItemsPresent: 400,
      },
    },
    {
      // usage 1, coverage 8/20 = .4, pass 10/15 = 2/3, rectification 3/3 = 1, on time 1/3, alerts 6/10 = .6,
      // cameras 400/600 = 2/3, complaints 2/3, ledgers 360/400 = .9
      // Σ = .1 + .06 + .1 + .15 + .0333… + .06 + .0666… + .0333… + .09 = .6933… → 69.33
      id: 's-2',
      name: '兴隆二小',
      counts: {
        schoolDays: 200,
        schoolDaysWithLedgerActivity: 200,
        canteens: 20,
        canteensPatrolled: 8,
        patrols: 15,
        patrolsPassed: 10,
        tasksDue: 3,
        tasksClosed: 3,
        tasksClosedOnTime: 1,
        alertsRaised: 10,
        alertsHandledInTime: 6,
        cameraSecondsObserved: 600,
        cameraSecondsOnline: 400,
        complaintsReceived: 3,
        complaintsClosed: 2,
        ledgerItemsRequired: 400,
        ledgerItemsPresent: 360,
      },
    },
    {
      // As 兴隆二小 but complaints 1/2 = .5 (.025) and ledgers 320/400 = .8 (.08):
      // Σ = .57 + .025 + .08 = .675 → 67.50
      id: 's-3',
      name: '兴隆三小',
      counts: {
        schoolDays: 200,
        schoolDaysWithLedgerActivity: 200,
        canteens: 20,
        canteensPatrolled: 8,
        patrols: 15,
        patrolsPassed: 10,
        tasksDue: 3,
        tasksClosed: 3,
        tasksClosedOnTime: 1,
        alertsRaised: 10,
        alertsHandledInTime: 6,
        cameraSecondsObserved: 600,
        cameraSecondsOnline: 400,
        complaintsReceived: 2,
        complaintsClosed: 1,
        ledgerItemsRequired: 400,
        ledgerItemsPresent: 320,
      },
    },
    // Not on the platform yet: nothing to rate, so no score and no rank.
    { id: 's-0', name: '兴隆四小', counts: {} },
  ];

  it('ranks the schools with the same function, unscored last', () => {
    expect(assessUnits(schools).map(({ id, score, rank }) => [id, score, rank])).toEqual([
      ['s-1', 100, 1],
      ['s-2', 69.33, 2],
      ['s-3', 67.5, 3],
      ['s-0', null, null],
    ]);
    expect(scoreCounts({}).indicators.every((indicator) => indicator.rate === null && indicator.points === 0)).toBe(true);
  });

  it('the schools’ counts add up to the county’s, and so to its score', () => {
    const county = counties.find((entry) => entry.id === '130822')!;
    expect(sumCounts(schools.map((school) => school.counts))).toEqual({ ...county.counts, complaintsReceived: 5, complaintsClosed: 3 });
    expect(scoreCounts(sumCounts(schools.map((school) => school.counts))).score).toBe(80);
  });
});

describe('counts the rates refuse', () => {
  it('a numerator above its denominator, a negative count, a unit given twice', () => {
    expect(() => assessUnits([{ id: 'x', counts: { tasksDue: 2, tasksClosed: 3 } }])).toThrow(
      /x: tasksClosed \(3\) exceeds tasksDue \(2\)/,
    );
    expect(() => assessUnits([{ id: 'x', counts: { canteens: -1 } }])).toThrow(/x: canteens must be a number ≥ 0/);
    expect(() => assessUnits([{ id: 'x', counts: { canteens: Number.NaN } }])).toThrow(RangeError);
    expect(() => assessUnits([counties[0]!, counties[0]!])).toThrow(/given twice/);
  });
});
