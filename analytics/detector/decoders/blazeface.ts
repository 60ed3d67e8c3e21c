// MediaPipe BlazeFace: fixed anchors at the cell centres of each stride level; per anchor a score logit and
// a regression [dx, dy, w, h, keypoints...] in input pixels relative to the anchor (see human's
// src/face/blazeface.ts). Levels are told apart by their anchor counts.
import type { Candidate, InputSize, OutputTensor } from '../types';

export interface Anchor {
  readonly x: number;
  readonly y: number;
}

export function blazefaceAnchors(input: InputSize, strides: readonly number[], anchorsPerCell: readonly number[]): Anchor[][] {
  return strides.map((stride, level) => {
    const anchors: Anchor[] = [];
    const [columns, rows] = [Math.ceil(input.width / stride), Math.ceil(input.height / stride)];
    for (let row = 0; row < rows; row++) {
      for (let column = 0; column < columns; column++) {
        for (let n = 0; n < (anchorsPerCell[level] ?? 1); n++) anchors.push({ x: (column + 0.5) * stride, y: (row + 0.5) * stride });
      }
    }
    return anchors;
  });
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-Math.max(-80, Math.min(80, x))));

export function decodeBlazeface(
  outputs: readonly OutputTensor[],
  input: InputSize,
  strides: readonly number[],
  anchorsPerCell: readonly number[],
  classThresholds: readonly number[],
): Candidate[] {
  const threshold = classThresholds[0] ?? 0.5;
  const candidates: Candidate[] = [];
  for (const anchors of blazefaceAnchors(input, strides, anchorsPerCell)) {
    const count = anchors.length;
    const logits = outputs.find((tensor) => tensor.dims.at(-2) === count && tensor.dims.at(-1) === 1);
    const regressors = outputs.find((tensor) => tensor.dims.at(-2) === count && (tensor.dims.at(-1) ?? 0) >= 4);
    if (!logits || !regressors) throw new Error(`blazeface: no score and box outputs for the level with ${count} anchors`);
    const width = regressors.dims.at(-1)!;
    anchors.forEach((anchor, index) => {
      const score = sigmoid(logits.data[index]!);
      if (score < threshold) return;
      const [dx, dy, w, h] = regressors.data.subarray(index * width, index * width + 4) as unknown as [number, number, number, number];
      const [cx, cy] = [anchor.x + dx, anchor.y + dy];
      candidates.push({ classIndex: 0, score, box: [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2] });
    });
  }
  return candidates;
}
