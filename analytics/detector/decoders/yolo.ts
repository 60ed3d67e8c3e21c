// YOLO-style dense output: one row per prediction of [cx, cy, w, h, (objectness,) class scores...] in input
// pixels, either [1, N, row] (YOLOv5) or transposed [1, row, N] (YOLOv8 exports). Best class per row.
import type { Candidate, OutputTensor } from '../types';

export function decodeYolo(output: OutputTensor, objectness: boolean, classThresholds: readonly number[]): Candidate[] {
  const classCount = classThresholds.length;
  const rowLength = classCount + (objectness ? 5 : 4);
  const [a, b] = [output.dims.at(-2) ?? 0, output.dims.at(-1) ?? 0];
  const transposed = b !== rowLength;
  if (transposed && a !== rowLength) throw new Error(`yolo: dims [${output.dims.join(',')}] do not hold rows of ${rowLength} values`);
  const rows = transposed ? b : a;
  const data = output.data;
  const value = transposed ? (row: number, k: number) => data[k * rows + row]! : (row: number, k: number) => data[row * rowLength + k]!;
  const classStart = objectness ? 5 : 4;
  const candidates: Candidate[] = [];
  for (let row = 0; row < rows; row++) {
    let best = 0;
    for (let c = 1; c < classCount; c++) if (value(row, classStart + c) > value(row, classStart + best)) best = c;
    const score = (objectness ? value(row, 4) : 1) * value(row, classStart + best);
    if (score < classThresholds[best]!) continue;
    const [cx, cy, w, h] = [value(row, 0), value(row, 1), value(row, 2), value(row, 3)];
    candidates.push({ classIndex: best, score, box: [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2] });
  }
  return candidates;
}
