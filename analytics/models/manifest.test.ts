import { describe, expect, it } from 'vitest';
import { parseModelManifest, type ModelManifestInput } from './manifest';

// What a custom-trained kitchen model would ship with.
const kitchenYolo: ModelManifestInput = {
  name: 'kitchen-yolo',
  description: 'YOLOv8n fine-tuned on canteen cameras',
  input: {
    name: 'images',
    layout: 'NCHW',
    width: 640,
    height: 640,
    colourOrder: 'RGB',
    normalisation: { scale: 1 / 255 },
    resize: 'letterbox',
  },
  labels: ['person', 'no_mask', 'no_chef_hat', 'rodent'],
  decoder: { type: 'yolo', objectness: false },
  outputs: ['output0'],
  thresholds: { score: 0.4, iou: 0.45, maxDetections: 50, perLabel: { rodent: 0.25 } },
  source: { licence: 'proprietary', origin: 'trained in-house', converter: 'ultralytics export' },
};

describe('model manifests', () => {
  it('accepts a custom model with its own classes', () => {
    const manifest = parseModelManifest(kitchenYolo);
    expect(manifest.decoder).toEqual({ type: 'yolo', objectness: false });
    expect(manifest.thresholds.perLabel).toEqual({ rodent: 0.25 });
  });

  it('fills defaults: YOLO objectness on, no per-label thresholds', () => {
    const manifest = parseModelManifest({
      ...kitchenYolo,
      decoder: { type: 'yolo' },
      thresholds: { score: 0.4, iou: 0.45, maxDetections: 50 },
    });
    expect(manifest.decoder).toEqual({ type: 'yolo', objectness: true });
    expect(manifest.thresholds.perLabel).toEqual({});
  });

  it('says what is wrong with an invalid manifest', () => {
    expect(() => parseModelManifest({ ...kitchenYolo, decoder: { type: 'ssd' } }, 'kitchen.manifest.json')).toThrow(
      /kitchen\.manifest\.json is not a valid model manifest.*decoder/s,
    );
    expect(() => parseModelManifest({ ...kitchenYolo, name: 'Kitchen YOLO' })).toThrow(/lower-case/);
    expect(() => parseModelManifest({ ...kitchenYolo, input: { ...kitchenYolo.input, normalisation: { scale: 0 } } })).toThrow(
      /normalisation/,
    );
  });
});
