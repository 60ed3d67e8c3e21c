// An object detector: one model (ONNX file + manifest) on one onnxruntime CPU session. Inference runs one
// frame at a time in arrival order, single-threaded, so a worker can share it fairly between cameras.
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { readModelManifest, type ModelManifest } from '../models/manifest';
import { decodeOutputs } from './decoders';
import { perClassNms } from './nms';
import { prepareInput, toSourceBox, type ImageInput, type InputGeometry, type PreparedInput } from './preprocess';
import type { Detection, OutputTensor } from './types';

export interface DetectOptions {
  // Replaces the manifest's score thresholds (default and per label).
  readonly scoreThreshold?: number;
  readonly iouThreshold?: number;
  readonly maxDetections?: number;
  // Only these labels are reported.
  readonly labels?: readonly string[];
}

export interface DetectorLoadOptions {
  // Threads for one inference; 1 by default so that several cameras share the CPU predictably.
  readonly intraOpNumThreads?: number;
}

export class Detector {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly manifest: ModelManifest,
    private readonly session: ort.InferenceSession,
  ) {}

  // Loads `<modelDir>/<name>.onnx` with its `<name>.manifest.json`.
  static async load(modelDir: string, name: string, options: DetectorLoadOptions = {}): Promise<Detector> {
    const manifest = await readModelManifest(path.join(modelDir, `${name}.manifest.json`));
    const session = await ort.InferenceSession.create(path.join(modelDir, `${name}.onnx`), {
      executionProviders: ['cpu'],
      intraOpNumThreads: options.intraOpNumThreads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    const missing = [
      ...(session.inputNames.includes(manifest.input.name) ? [] : [`input ${manifest.input.name}`]),
      ...manifest.outputs.filter((output) => !session.outputNames.includes(output)).map((output) => `output ${output}`),
    ];
    if (missing.length > 0) {
      await session.release();
      throw new Error(`model ${name}: the manifest names ${missing.join(', ')}, which the ONNX model does not have`);
    }
    return new Detector(manifest, session);
  }

  get name(): string {
    return this.manifest.name;
  }

  prepare(image: ImageInput): Promise<PreparedInput> {
    return prepareInput(image, this.manifest.input);
  }

  // session.run alone, queued behind any inference already running.
  infer(input: PreparedInput): Promise<OutputTensor[]> {
    const run = async (): Promise<OutputTensor[]> => {
      const feeds = { [this.manifest.input.name]: new ort.Tensor('float32', input.data, [...input.dims]) };
      const results = await this.session.run(feeds, this.manifest.outputs);
      return this.manifest.outputs.map((name) => {
        const tensor = results[name];
        if (!tensor || tensor.type !== 'float32') throw new Error(`model ${this.name}: output ${name} is missing or not float32`);
        return { dims: tensor.dims, data: tensor.data as Float32Array };
      });
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  decode(outputs: readonly OutputTensor[], geometry: InputGeometry, options: DetectOptions = {}): Detection[] {
    const { labels, thresholds } = this.manifest;
    const wanted = options.labels ? new Set(options.labels) : undefined;
    const classThresholds = labels.map((label) =>
      wanted && !wanted.has(label) ? Infinity : (options.scoreThreshold ?? thresholds.perLabel[label] ?? thresholds.score),
    );
    const candidates = decodeOutputs(this.manifest, outputs, classThresholds);
    const kept = perClassNms(candidates, options.iouThreshold ?? thresholds.iou, options.maxDetections ?? thresholds.maxDetections);
    return kept.map((candidate) => ({
      label: labels[candidate.classIndex] ?? `class ${candidate.classIndex}`,
      score: candidate.score,
      box: toSourceBox(candidate.box, geometry),
    }));
  }

  // Boxes in the original image's pixels, best first.
  async detect(image: ImageInput, options: DetectOptions = {}): Promise<Detection[]> {
    const prepared = await this.prepare(image);
    return this.decode(await this.infer(prepared), prepared.geometry, options);
  }

  async release(): Promise<void> {
    await this.queue;
    await this.session.release();
  }
}
