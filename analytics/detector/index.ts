// Public API of the object detector.
export { decodeOutputs } from './decoders';
export { Detector } from './detector';
export type { DetectOptions, DetectorLoadOptions } from './detector';
export { iou, nonMaxSuppression, perClassNms } from './nms';
export { computeGeometry, prepareInput, toSourceBox, toTensor } from './preprocess';
export type { ImageInput, InputGeometry, PreparedInput, RawImage } from './preprocess';
export type { Box, Candidate, Detection, InputSize, OutputTensor } from './types';
