// Shapes shared by the detector's preprocessing, decoders and public API.

// [x1, y1, x2, y2]: left, top, right, bottom.
export type Box = [number, number, number, number];

export interface Detection {
  readonly label: string;
  readonly score: number;
  // In the original image's pixels.
  readonly box: Box;
}

// A decoder's output before NMS and mapping back: a class index and a box in model-input pixels.
export interface Candidate {
  readonly classIndex: number;
  readonly score: number;
  readonly box: Box;
}

// One model output, as onnxruntime returns it.
export interface OutputTensor {
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

export interface InputSize {
  readonly width: number;
  readonly height: number;
}
