// Playback picks the recorded moment a click on the timeline means, in Shanghai hours.
import { describe, expect, it } from 'vitest';
import { fractionOfHour, hourStart, segmentAt } from './playback-time';

describe('playback time', () => {
  it('reads hours in Asia/Shanghai and places instants on them', () => {
    const start = hourStart('2026-03-02', 9);
    expect(start.toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(fractionOfHour(start.getTime() + 15 * 60_000, start)).toBe(0.25);
    expect(fractionOfHour(start.getTime() - 1, start)).toBe(0);
  });

  it('plays the segment clicked in, or the next one after a gap', () => {
    const spans = [
      { start: 0, end: 60_000 },
      { start: 120_000, end: 180_000 },
    ];
    expect(segmentAt(spans, 30_000)).toEqual({ span: spans[0], at: 30_000 });
    expect(segmentAt(spans, 90_000)).toEqual({ span: spans[1], at: 120_000 });
    expect(segmentAt(spans, 200_000)).toBeNull();
  });
});
