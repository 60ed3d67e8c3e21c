import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate-meter';

describe('rate meter', () => {
  it('averages whole seconds since the first event, over at most the window', () => {
    const meter = new RateMeter(5);
    const t0 = 1_000_000;
    expect(meter.perSecond(t0)).toBe(0);
    for (let ms = 0; ms < 2_000; ms += 40) meter.add(1, t0 + ms);
    expect(meter.perSecond(t0 + 2_100)).toBe(25);
    for (let ms = 2_000; ms < 10_000; ms += 40) meter.add(1, t0 + ms);
    expect(meter.perSecond(t0 + 10_100)).toBe(25);
    // Frames stopped: the rate falls to nothing within the window.
    expect(meter.perSecond(t0 + 12_100)).toBe(12.5);
    expect(meter.perSecond(t0 + 16_000)).toBe(0);
  });
});
