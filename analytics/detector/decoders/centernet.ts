// CenterNet as exported in @vladmandic/human: the graph already picks the top-K heatmap peaks and emits
// rows of [x1, y1, x2, y2, score, class] in input pixels (see human's src/object/centernet.ts).
import type { Candidate, OutputTensor } from '../types';

export function decodeCenternet(detections: OutputTensor, classThresholds: readonly number[]): Candidate[] {
  const columns = detections.dims.at(-1);
  if (columns !== 6) throw new Error(`centernet: expected rows of 6 values, got dims [${detections.dims.join(',')}]`);
  const data = detections.data;
  const candidates: Candidate[] = [];
  for (let row = 0; row < data.length / 6; row++) {
    const [x1, y1, x2, y2, score, classValue] = data.subarray(row * 6, row * 6 + 6) as unknown as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const classIndex = Math.round(classValue);
    const threshold = classThresholds[classIndex];
    if (threshold === undefined || Number.isNaN(score) || score < threshold) continue;
    candidates.push({ classIndex, score, box: [x1, y1, x2, y2] });
  }
  return candidates;
}
