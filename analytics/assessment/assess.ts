// The assessment of a set of peers for a period — the counties of a city, or the schools of a county: each
// one's rates, weighted score and rank, and the change from the previous period.
import type { AssessmentCounts } from './indicators';
import { competitionRanks } from './ranking';
import { round2, scoreCounts, type IndicatorScore } from './score';
import { resolveWeights, type AssessmentWeights } from './weights';

export interface AssessmentUnit {
  /** The county's or school's id (or code). */
  id: string;
  name?: string;
  counts: AssessmentCounts;
}

export interface UnitAssessment {
  id: string;
  name?: string;
  /** 0–100, two decimals; null when none of its indicators is present. */
  score: number | null;
  /** Competition rank among the units with a score (1, 2, 2, 4); null without a score. */
  rank: number | null;
  indicators: IndicatorScore[];
  /** The same unit in the previous period, when it was assessed then. */
  previous: { score: number | null; rank: number | null } | null;
  /** score − previous score; null unless both exist. */
  scoreDelta: number | null;
  /** Places climbed since the previous period: previous rank − rank (+2: up two places; −1: down one). */
  rankDelta: number | null;
}

export interface AssessOptions {
  /** Over DEFAULT_WEIGHTS. */
  weights?: Partial<AssessmentWeights>;
  /** The same set of units in the previous period, for the change; ranked among themselves. */
  previous?: readonly AssessmentUnit[];
}

interface Ranked {
  unit: AssessmentUnit;
  score: number | null;
  rank: number | null;
  indicators: IndicatorScore[];
}

function rankUnits(units: readonly AssessmentUnit[], weights: AssessmentWeights): Ranked[] {
  const seen = new Set<string>();
  const scored = units.map((unit) => {
    if (seen.has(unit.id)) throw new RangeError(`unit ${unit.id} is given twice`);
    seen.add(unit.id);
    return { unit, ...scoreCounts(unit.counts, weights, unit.id) };
  });
  const ranks = competitionRanks(scored.map((entry) => entry.score));
  return scored.map((entry, index) => ({ ...entry, rank: ranks[index]! }));
}

/** Units ranked best first; equal ranks by id, units without a score last. */
export function assessUnits(units: readonly AssessmentUnit[], options: AssessOptions = {}): UnitAssessment[] {
  const weights = resolveWeights(options.weights);
  const previous = new Map(rankUnits(options.previous ?? [], weights).map((entry) => [entry.unit.id, entry]));
  return rankUnits(units, weights)
    .map(({ unit, score, rank, indicators }): UnitAssessment => {
      const before = previous.get(unit.id);
      return {
        id: unit.id,
        ...(unit.name !== undefined ? { name: unit.name } : {}),
        score,
        rank,
        indicators,
        previous: before ? { score: before.score, rank: before.rank } : null,
        scoreDelta: score !== null && before?.score != null ? round2(score - before.score) : null,
        rankDelta: rank !== null && before?.rank != null ? before.rank - rank : null,
      };
    })
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.id.localeCompare(b.id));
}
