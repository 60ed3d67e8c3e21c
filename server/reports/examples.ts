// Whom a bulletin praises and whom it criticises: only a unit clearly best or clearly worst among units with
// data. Units without a score (no indicator with data) are neither; a unit sharing the best or the worst score
// with another is not singled out (ties share a rank, and praising one of two equals would be arbitrary); and
// when every scored unit has the same score there is no best and no worst.
import type { UnitAssessment } from '../../analytics/assessment';

export interface ExamplePicks<T> {
  good: T | null;
  bad: T | null;
}

export function pickExamples<T extends Pick<UnitAssessment, 'score'>>(units: readonly T[]): ExamplePicks<T> {
  const scored = units.filter((unit) => unit.score !== null);
  if (scored.length < 2) return { good: null, bad: null };
  const scores = scored.map((unit) => unit.score!);
  const best = Math.max(...scores);
  const worst = Math.min(...scores);
  if (best === worst) return { good: null, bad: null };
  const only = (score: number) => {
    const at = scored.filter((unit) => unit.score === score);
    return at.length === 1 ? at[0]! : null;
  };
  return { good: only(best), bad: only(worst) };
}
