// Playback picks the recorded moment a click on the timeline means, in Shanghai hours.
import { describe, expect, it } from 'vitest';
import { fractionOfHour, hourStart, segmentAt, withinSpan } from './playback-time';

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

  it('plays a click on a span drawn wider than it lasts from within that span', () => {
    // The hour still being recorded: a segment 2 s old is drawn 7 s wide; a click on its middle is past its end.
    const growing = { start: 3_000_000, end: 3_002_000 };
    expect(segmentAt([growing], 3_003_600)).toBeNull();
    expect(segmentAt([growing], withinSpan(3_003_600, growing))).toEqual({ span: growing, at: 3_001_999 });
    expect(withinSpan(2_999_000, growing)).toBe(3_000_000);
    expect(withinSpan(3_001_000, growing)).toBe(3_001_000);
  });
});
