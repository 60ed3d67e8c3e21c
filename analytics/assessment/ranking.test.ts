import { describe, expect, it } from 'vitest';
import { competitionRanks } from './index';

describe('competition ranking', () => {
  it('ties share a rank and the next rank skips (1, 2, 2, 4)', () => {
    expect(competitionRanks([90, 80, 80, 70])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([70, 80, 90, 80])).toEqual([4, 2, 1, 2]);
    expect(competitionRanks([50, 50, 50])).toEqual([1, 1, 1]);
    expect(competitionRanks([100, 90, 90, 90, 80])).toEqual([1, 2, 2, 2, 5]);
  });

  it('leaves units without a score unranked and does not count them', () => {
    expect(competitionRanks([null, 60, null, 70])).toEqual([null, 2, null, 1]);
    expect(competitionRanks([])).toEqual([]);
  });
});
