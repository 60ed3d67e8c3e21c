// Competition ranking ("1224"): equal scores share a rank and the next rank skips as many places as shared
// it. Units without a score are not ranked.

/** The rank of each score, in the order given; null for a null score. */
export function competitionRanks(scores: readonly (number | null)[]): (number | null)[] {
  const descending = scores.filter((score): score is number => score !== null).sort((a, b) => b - a);
  const rankOf = new Map<number, number>();
  descending.forEach((score, index) => {
    if (!rankOf.has(score)) rankOf.set(score, index + 1);
  });
  return scores.map((score) => (score === null ? null : rankOf.get(score)!));
}
