import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MotionSettings } from '../rules/schema';
import { rasteriseMasks } from '../rules/zones';
import { changedShare, GATE_HEIGHT, GATE_WIDTH, greyThumbnail, MotionGate, type GreyFrame } from './motion-gate';

const W = 8;
const H = 4;
const flat = (value: number) => new Uint8Array(W * H).fill(value);
const grey = (data: Uint8Array): GreyFrame => ({ data, width: W, height: H });
const settings = MotionSettings.parse({ pixelThreshold: 20, minChangedShare: 0.1, idleSeconds: 60, stationarySeconds: 5 });

describe('changed share (pure)', () => {
  it('counts pixels that changed by at least the threshold', () => {
    const before = flat(100);
    const after = flat(100);
    after[0] = 119; // below the threshold
    after[1] = 120; // at it
    after[2] = 60;
    after[3] = 255;
    expect(changedShare(before, after, 20)).toBe(3 / 32);
    expect(changedShare(before, before, 1)).toBe(0);
    expect(changedShare(flat(0), flat(255), 255)).toBe(1);
  });

  it('leaves masked pixels out of both the count and the total', () => {
    const before = flat(100);
    const after = flat(100);
    after.fill(200, 0, 8); // the whole top row changes (a television on the wall)
    const mask = new Uint8Array(W * H);
    mask.fill(1, 0, 8);
    expect(changedShare(before, after, 20)).toBe(8 / 32);
    expect(changedShare(before, after, 20, mask)).toBe(0);
    after[31] = 0;
    expect(changedShare(before, after, 20, mask)).toBe(1 / 24);
    expect(changedShare(before, after, 20, new Uint8Array(W * H).fill(1))).toBe(0);
  });

  it('refuses pictures of different sizes', () => {
    expect(() => changedShare(flat(0), new Uint8Array(3), 10)).toThrow(/differ in size/);
  });
});

describe('motion gate', () => {
  it('analyses the first frame, then only motion; a still scene is looked at once per idle time', () => {
    const gate = new MotionGate(settings, undefined);
    expect(gate.decide(grey(flat(100)), 0, false)).toMatchObject({ run: true, reason: 'first' });
    let analysed = 0;
    for (let second = 1; second <= 120; second += 1) {
      const noise = flat(100);
      noise[second % 32] = 110; // sensor noise: under the threshold
      if (gate.decide(grey(noise), second * 1000, false).run) analysed += 1;
    }
    expect(analysed).toBe(2); // at 60 s and 120 s: the idle look
    const moved = flat(100);
    moved.fill(180, 0, 4); // 4 of 32 pixels = 12.5 % ≥ 10 %
    expect(gate.decide(grey(moved), 121_000, false)).toMatchObject({ run: true, reason: 'motion', share: 0.125 });
  });

  it('compares with the last analysed frame, so slow change adds up', () => {
    const gate = new MotionGate(settings, undefined);
    gate.decide(grey(flat(100)), 0, false);
    // The picture brightens by 8 grey levels a second: never 20 between two samples, 24 after three.
    expect(gate.decide(grey(flat(108)), 1000, false).run).toBe(false);
    expect(gate.decide(grey(flat(116)), 2000, false).run).toBe(false);
    expect(gate.decide(grey(flat(124)), 3000, false)).toMatchObject({ run: true, reason: 'motion', share: 1 });
    expect(gate.decide(grey(flat(130)), 4000, false).run).toBe(false); // the reference moved on
  });

  it('looks every stationarySeconds while something is tracked, and at once after a dropped frame', () => {
    const gate = new MotionGate(settings, undefined);
    gate.decide(grey(flat(100)), 0, true);
    const decisions = [1, 2, 3, 4, 5, 6].map((second) => gate.decide(grey(flat(100)), second * 1000, true));
    expect(decisions.map((decision) => decision.run)).toEqual([false, false, false, false, true, false]);
    expect(decisions[4]!.reason).toBe('tracking');
    gate.owe();
    expect(gate.decide(grey(flat(100)), 7000, false)).toMatchObject({ run: true, reason: 'owed' });
    expect(gate.decide(grey(flat(100)), 8000, false).run).toBe(false);
  });

  it('ignores motion under a mask', () => {
    const mask = rasteriseMasks([{ polygon: [[0, 0], [1, 0], [1, 0.25], [0, 0.25]] }], W, H); // prettier-ignore
    const gate = new MotionGate(settings, mask);
    gate.decide(grey(flat(100)), 0, false);
    const top = flat(100);
    top.fill(250, 0, 8);
    expect(gate.decide(grey(top), 1000, false).run).toBe(false);
  });

  it('shrinks a JPEG to the gate size in greyscale', async () => {
    const jpeg = await sharp({ create: { width: 1280, height: 720, channels: 3, background: { r: 200, g: 200, b: 200 } } })
      .jpeg()
      .toBuffer();
    const thumb = await greyThumbnail(jpeg);
    expect([thumb.width, thumb.height, thumb.data.length]).toEqual([GATE_WIDTH, GATE_HEIGHT, GATE_WIDTH * GATE_HEIGHT]);
    expect(Math.abs(thumb.data[100]! - 200)).toBeLessThan(3);
  });
});
