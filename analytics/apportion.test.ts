import { describe, expect, it } from 'vitest';
import { apportion } from './apportion';

describe('apportion', () => {
  it('splits exactly, keeps the minimum and follows the weights', () => {
    const shares = apportion(100, [50, 30, 15, 5], 2);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(100);
    expect(Math.min(...shares)).toBeGreaterThanOrEqual(2);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
  });

  it('lowers the minimum when the total cannot give everyone that much', () => {
    expect(apportion(3, [1, 1, 1, 1, 1], 2).reduce((a, b) => a + b, 0)).toBe(3);
    expect(apportion(0, [5, 5], 1)).toEqual([0, 0]);
  });

  it('handles all-zero weights by splitting evenly', () => {
    expect(apportion(4, [0, 0], 0)).toEqual([2, 2]);
  });
});
