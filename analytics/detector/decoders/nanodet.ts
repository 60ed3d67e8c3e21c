// NanoDet (GFL head): per stride level, sigmoid class scores for each cell and, for each side of the box
// (left, top, right, bottom), a distribution over 0..regMax whose expectation times the stride is that
// side's distance from the cell centre ("distribution focal loss" regression).
import type { Candidate, InputSize, OutputTensor } from '../types';

export interface NanodetLevel {
  readonly stride: number;
  readonly gridWidth: number;
  readonly scores: OutputTensor;
  readonly distributions: OutputTensor;
}

const CANDIDATE_STRIDES = [8, 16, 32, 64, 128];

// Pairs each score output [1, cells, classes] with its box output [1, cells, 4 * bins] and finds its stride
// from the cell count, so the outputs can come in any order.
export function nanodetLevels(outputs: readonly OutputTensor[], input: InputSize, classCount: number): NanodetLevel[] {
  const cellsOf = (tensor: OutputTensor) => tensor.dims.at(-2) ?? 0;
  const channelsOf = (tensor: OutputTensor) => tensor.dims.at(-1) ?? 0;
  const scoreOutputs = outputs.filter((tensor) => channelsOf(tensor) === classCount);
  return scoreOutputs
    .map((scores): NanodetLevel => {
      const cells = cellsOf(scores);
      const distributions = outputs.find((tensor) => tensor !== scores && cellsOf(tensor) === cells && channelsOf(tensor) % 4 === 0);
      if (!distributions) throw new Error(`nanodet: no box output for the level with ${cells} cells`);
      const stride = CANDIDATE_STRIDES.find((s) => Math.ceil(input.width / s) * Math.ceil(input.height / s) === cells);
      if (!stride) throw new Error(`nanodet: ${cells} cells match no stride for a ${input.width}x${input.height} input`);
      return { stride, gridWidth: Math.ceil(input.width / stride), scores, distributions };
    })
    .sort((a, b) => a.stride - b.stride);
}

// Expected value of a softmax distribution over bins 0..n-1.
export function distributionExpectation(logits: Float32Array, offset: number, bins: number): number {
  let max = -Infinity;
  for (let j = 0; j < bins; j++) max = Math.max(max, logits[offset + j]!);
  let sum = 0;
  let weighted = 0;
  for (let j = 0; j < bins; j++) {
    const p = Math.exp(logits[offset + j]! - max);
    sum += p;
    weighted += p * j;
  }
  return weighted / sum;
}

export function decodeNanodet(outputs: readonly OutputTensor[], input: InputSize, classThresholds: readonly number[]): Candidate[] {
  const classCount = classThresholds.length;
  const minThreshold = Math.min(...classThresholds);
  const candidates: Candidate[] = [];
  for (const level of nanodetLevels(outputs, input, classCount)) {
    const scores = level.scores.data;
    const distributions = level.distributions.data;
    const channels = level.distributions.dims.at(-1)!;
    const bins = channels / 4;
    const cells = scores.length / classCount;
    for (let cell = 0; cell < cells; cell++) {
      let box: Candidate['box'] | undefined;
      for (let c = 0; c < classCount; c++) {
        const score = scores[cell * classCount + c]!;
        if (score < minThreshold || score < classThresholds[c]!) continue;
        if (!box) {
          const cx = ((cell % level.gridWidth) + 0.5) * level.stride;
          const cy = (Math.floor(cell / level.gridWidth) + 0.5) * level.stride;
          const [left, top, right, bottom] = [0, 1, 2, 3].map(
            (side) => distributionExpectation(distributions, cell * channels + side * bins, bins) * level.stride,
          ) as [number, number, number, number];
          box = [cx - left, cy - top, cx + right, cy + bottom];
        }
        candidates.push({ classIndex: c, score, box });
      }
    }
  }
  return candidates;
}
