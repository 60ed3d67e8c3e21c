// The bulletin names a good and a bad example only when one unit is clearly best or worst with data.
import { describe, expect, it } from 'vitest';
import { pickExamples } from './examples';

const unit = (id: string, score: number | null) => ({ id, score });

describe('bulletin examples', () => {
  it('praises the one best unit and criticises the one worst', () => {
    expect(pickExamples([unit('a', 92), unit('b', 80), unit('c', 61.5)])).toEqual({ good: unit('a', 92), bad: unit('c', 61.5) });
  });

  it('names no one when every score ties, as on a first day with nothing done (all 0.00)', () => {
    expect(pickExamples([unit('a', 0), unit('b', 0), unit('c', 0)])).toEqual({ good: null, bad: null });
  });

  it('names no one for a tie at the top or the bottom, and still names the clear one at the other end', () => {
    expect(pickExamples([unit('a', 90), unit('b', 90), unit('c', 40)])).toEqual({ good: null, bad: unit('c', 40) });
    expect(pickExamples([unit('a', 90), unit('b', 40), unit('c', 40)])).toEqual({ good: unit('a', 90), bad: null });
  });

  it('leaves out units without data, and names no one with fewer than two units to compare', () => {
    expect(pickExamples([unit('a', 70), unit('b', null), unit('c', null)])).toEqual({ good: null, bad: null });
    expect(pickExamples([unit('a', 70), unit('b', null), unit('c', 50)])).toEqual({ good: unit('a', 70), bad: unit('c', 50) });
    expect(pickExamples([])).toEqual({ good: null, bad: null });
  });
});
