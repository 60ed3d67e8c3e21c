import { describe, expect, it } from 'vitest';
import { keepVisible, toggleAll, toggleOne, toggleRange } from './selection';

const rows = ['a', 'b', 'c', 'd', 'e'];
const sorted = (set: ReadonlySet<string>) => [...set].sort();

describe('choosing rows for one action on many', () => {
  it('toggles one row', () => {
    expect(sorted(toggleOne(new Set(['a']), 'b'))).toEqual(['a', 'b']);
    expect(sorted(toggleOne(new Set(['a', 'b']), 'b'))).toEqual(['a']);
  });

  it('chooses every row between the anchor and a shift-clicked row, downwards or upwards', () => {
    expect(sorted(toggleRange(new Set(['b']), rows, 'b', 'd'))).toEqual(['b', 'c', 'd']);
    expect(sorted(toggleRange(new Set(['d']), rows, 'd', 'a'))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('clears the range when the shift-clicked row was chosen', () => {
    expect(sorted(toggleRange(new Set(rows), rows, 'b', 'd'))).toEqual(['a', 'e']);
  });

  it('toggles just the row when there is no anchor on the page', () => {
    expect(sorted(toggleRange(new Set(), rows, undefined, 'c'))).toEqual(['c']);
    expect(sorted(toggleRange(new Set(), rows, 'gone', 'c'))).toEqual(['c']);
  });

  it('chooses the whole page, or none when all were chosen', () => {
    expect(sorted(toggleAll(new Set(['a']), rows))).toEqual(rows);
    expect(sorted(toggleAll(new Set(rows), rows))).toEqual([]);
    expect(sorted(toggleAll(new Set(), []))).toEqual([]);
  });

  it('drops choices that left the page and keeps the same set when none did', () => {
    const chosen = new Set(['a', 'c']);
    expect(keepVisible(chosen, rows)).toBe(chosen);
    expect(sorted(keepVisible(chosen, ['a', 'b']))).toEqual(['a']);
  });
});
