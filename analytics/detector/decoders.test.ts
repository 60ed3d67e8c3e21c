import { describe, expect, it } from 'vitest';
import { blazefaceAnchors, decodeBlazeface } from './decoders/blazeface';
import { decodeCenternet } from './decoders/centernet';
import { decodeNanodet, distributionExpectation, nanodetLevels } from './decoders/nanodet';
import { decodeYolo } from './decoders/yolo';
import type { OutputTensor } from './types';

const tensor = (dims: number[], values: number[] | Float32Array): OutputTensor => ({ dims, data: Float32Array.from(values) });

// Logits whose softmax puts (almost) all weight on one bin.
function peakedLogits(bins: number, at: number): number[] {
  return Array.from({ length: bins }, (_, index) => (index === at ? 30 : 0));
}

describe('nanodet decoder', () => {
  const input = { width: 64, height: 32 };
  const classes = 3;
  const bins = 5;
  // Strides 8 and 16 over 64x32: 8x4 and 4x2 cells.
  const level = (cells: number) => ({
    scores: tensor([1, cells, classes], new Float32Array(cells * classes)),
    boxes: tensor([1, cells, 4 * bins], new Float32Array(cells * 4 * bins)),
  });

  it('matches outputs to strides by cell count, whatever their order', () => {
    const fine = level(32);
    const coarse = level(8);
    const levels = nanodetLevels([coarse.boxes, fine.scores, coarse.scores, fine.boxes], input, classes);
    expect(levels.map((l) => [l.stride, l.gridWidth])).toEqual([
      [8, 8],
      [16, 4],
    ]);
    expect(levels[0]!.scores).toBe(fine.scores);
    expect(levels[0]!.distributions).toBe(fine.boxes);
  });

  it('takes the expectation of the softmax distribution', () => {
    expect(distributionExpectation(Float32Array.from([0, 0, 0, 0]), 0, 4)).toBeCloseTo(1.5, 10);
    expect(distributionExpectation(Float32Array.from(peakedLogits(5, 3)), 0, 5)).toBeCloseTo(3, 6);
  });

  it('decodes a cell centre minus/plus the expected distances times the stride, per class above its threshold', () => {
    const fine = level(32);
    const coarse = level(8);
    // Fine level, cell (column 2, row 1): centre (20, 12); distances 1, 2, 3, 4 bins of 8 px.
    const cell = 1 * 8 + 2;
    (fine.scores.data as Float32Array).set([0.9, 0.2, 0.6], cell * classes);
    (fine.boxes.data as Float32Array).set(
      [...peakedLogits(bins, 1), ...peakedLogits(bins, 2), ...peakedLogits(bins, 3), ...peakedLogits(bins, 4)],
      cell * 4 * bins,
    );
    const candidates = decodeNanodet([fine.scores, fine.boxes, coarse.scores, coarse.boxes], input, [0.5, 0.5, 0.5]);
    expect(candidates.map((c) => c.classIndex)).toEqual([0, 2]);
    expect(candidates[0]!.score).toBeCloseTo(0.9, 6);
    candidates[0]!.box.forEach((value, index) => expect(value).toBeCloseTo([20 - 8, 12 - 16, 20 + 24, 12 + 32][index]!, 4));
    expect(
      decodeNanodet([fine.scores, fine.boxes, coarse.scores, coarse.boxes], input, [0.95, 0.1, 0.95]).map((c) => c.classIndex),
    ).toEqual([1]);
  });

  it('says when an output has no partner', () => {
    expect(() => nanodetLevels([level(32).scores], input, classes)).toThrow('no box output for the level with 32 cells');
  });
});

describe('centernet decoder', () => {
  it('reads [x1, y1, x2, y2, score, class] rows above each class threshold', () => {
    const rows = [10, 20, 110, 220, 0.8, 0, 5, 5, 50, 50, 0.35, 16, 1, 1, 2, 2, 0.2, 16, 0, 0, 1, 1, Number.NaN, 0];
    const candidates = decodeCenternet(tensor([1, 4, 6], rows), new Array<number>(80).fill(0.3));
    expect(candidates).toEqual([
      { classIndex: 0, score: expect.closeTo(0.8, 6), box: [10, 20, 110, 220] },
      { classIndex: 16, score: expect.closeTo(0.35, 6), box: [5, 5, 50, 50] },
    ]);
  });
});

describe('yolo decoder', () => {
  const thresholds = [0.25, 0.25];
  const rows = [
    [50, 40, 20, 10, 0.9, 0.1, 0.8],
    [10, 10, 4, 4, 0.2, 0.9, 0.1],
  ];

  it('multiplies objectness by the best class score and converts centre/size to corners', () => {
    const candidates = decodeYolo(tensor([1, 2, 7], rows.flat()), true, thresholds);
    expect(candidates).toEqual([{ classIndex: 1, score: expect.closeTo(0.72, 6), box: [40, 35, 60, 45] }]);
  });

  it('reads the transposed [1, row, N] layout the same way', () => {
    const transposed = rows[0]!.flatMap((_, k) => rows.map((row) => row[k]!));
    expect(decodeYolo(tensor([1, 7, 2], transposed), true, thresholds)).toEqual(
      decodeYolo(tensor([1, 2, 7], rows.flat()), true, thresholds),
    );
  });

  it('works without objectness (YOLOv8 rows)', () => {
    const candidates = decodeYolo(tensor([1, 1, 6], [50, 40, 20, 10, 0.3, 0.6]), false, thresholds);
    expect(candidates).toEqual([{ classIndex: 1, score: expect.closeTo(0.6, 6), box: [40, 35, 60, 45] }]);
  });

  it('rejects outputs of the wrong width', () => {
    expect(() => decodeYolo(tensor([1, 3, 9], new Array<number>(27).fill(0)), true, thresholds)).toThrow('rows of 7 values');
  });
});

describe('blazeface decoder', () => {
  it('puts anchors at cell centres, several per cell', () => {
    const [fine, coarse] = blazefaceAnchors({ width: 64, height: 64 }, [16, 32], [2, 6]);
    expect(fine).toHaveLength(4 * 4 * 2);
    expect(coarse).toHaveLength(2 * 2 * 6);
    expect(fine!.slice(0, 3)).toEqual([
      { x: 8, y: 8 },
      { x: 8, y: 8 },
      { x: 24, y: 8 },
    ]);
  });

  it('offsets the anchor by the regression and applies a sigmoid to the logit', () => {
    const logits16 = new Float32Array(32).fill(-10);
    const boxes16 = new Float32Array(32 * 16);
    logits16[2] = 2; // anchor (24, 8)
    boxes16.set([4, 6, 20, 10], 2 * 16);
    const outputs = [
      tensor([1, 32, 1], logits16),
      tensor([1, 24, 16], new Float32Array(24 * 16)),
      tensor([1, 32, 16], boxes16),
      tensor([1, 24, 1], new Float32Array(24).fill(-10)),
    ];
    const candidates = decodeBlazeface(outputs, { width: 64, height: 64 }, [16, 32], [2, 6], [0.5]);
    expect(candidates).toEqual([{ classIndex: 0, score: expect.closeTo(1 / (1 + Math.exp(-2)), 6), box: [18, 9, 38, 19] }]);
  });
});
