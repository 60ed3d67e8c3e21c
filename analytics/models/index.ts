// Public API of the detector models: building the defaults, manifests, and the TFJS-to-ONNX converter.
export { buildModel, CHECKSUMS_PATH, ChecksumMismatchError, ensureModels, modelsDir, readChecksums, sha256 } from './build-models';
export type { BuiltModel, ChecksumEntry, Checksums, EnsureModelsOptions, ModelStatus } from './build-models';
export { COCO_LABELS } from './coco-labels';
export { LABEL_NAMES_ZH, labelNameZh } from './label-names';
export { DEFAULT_MODELS, DETECTOR_PREFERENCE, preferredDetector } from './default-models';
export type { DefaultModel } from './default-models';
export { decoderSchema, modelManifestSchema, normalisationSchema, parseModelManifest, readModelManifest } from './manifest';
export type { DecoderSpec, ModelManifest, ModelManifestInput, Normalisation } from './manifest';
export { resolveSource, SourceUnavailableError } from './model-sources';
export type { ModelSource, ResolvedSource } from './model-sources';
export { CONVERTER_VERSION, convertTfjsToOnnx, supportedTfOps } from './tfjs-to-onnx/convert';
export type { ConversionOptions, ConversionResult, TensorInfo } from './tfjs-to-onnx/convert';
export { parseTfjsGraphModel, readTfjsGraphModel, readTfjsModelFiles } from './tfjs-to-onnx/tfjs-model';
export type { TfjsGraphModel, TfjsModelFiles, TfNode } from './tfjs-to-onnx/tfjs-model';
