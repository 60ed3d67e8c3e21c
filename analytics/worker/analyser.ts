// One camera's pipeline: motion gate → detector → tracker → rules. The worker runs the gate as frames are
// sampled and the rest when the frame's turn at the shared detector comes; the benchmark runs the same code.
import { performance } from 'node:perf_hooks';
import type { DetectOptions } from '../detector/detector';
import type { ImageInput, InputGeometry, PreparedInput } from '../detector/preprocess';
import type { Detection, OutputTensor } from '../detector/types';
import { CameraRuleEngine, labelsNeeded, type Firing } from '../rules/engine';
import type { CameraRules } from '../rules/schema';
import { rasteriseMasks } from '../rules/zones';
import { GATE_HEIGHT, GATE_WIDTH, greyThumbnail, MotionGate, type GateDecision } from './motion-gate';
import { IouTracker, type Track } from './tracker';

/** What the analyser needs of a detector (the Detector class, or a stand-in in unit tests). */
export interface FrameDetector {
  readonly name: string;
  readonly manifest: { readonly labels: readonly string[] };
  prepare(image: ImageInput): Promise<PreparedInput>;
  infer(input: PreparedInput): Promise<OutputTensor[]>;
  decode(outputs: readonly OutputTensor[], geometry: InputGeometry, options?: DetectOptions): Detection[];
}

export interface GateResult extends GateDecision {
  readonly gateMs: number;
}

export interface AnalysedFrame {
  readonly width: number;
  readonly height: number;
  readonly detections: Detection[];
  readonly tracks: Track[];
  readonly firings: Firing[];
  readonly timings: { prepareMs: number; inferMs: number; decodeMs: number; trackMs: number; rulesMs: number };
}

export class CameraAnalyser {
  readonly gate: MotionGate;
  readonly tracker = new IouTracker();
  readonly engine: CameraRuleEngine;
  private labels: string[];
  private rules: CameraRules;

  constructor(
    readonly cameraId: string,
    rules: CameraRules,
    private readonly detector: FrameDetector,
  ) {
    this.rules = rules;
    this.labels = labelsNeeded(rules, detector.manifest.labels);
    this.gate = new MotionGate(rules.motion, rasteriseMasks(rules.masks, GATE_WIDTH, GATE_HEIGHT));
    this.engine = new CameraRuleEngine(cameraId, rules, detector.manifest.labels);
  }

  /** The labels the camera's live rules need; none means there is nothing to analyse on this camera. */
  get neededLabels(): readonly string[] {
    return this.labels;
  }

  get currentRules(): CameraRules {
    return this.rules;
  }

  setRules(rules: CameraRules): void {
    this.rules = rules;
    this.labels = labelsNeeded(rules, this.detector.manifest.labels);
    this.gate.configure(rules.motion, rasteriseMasks(rules.masks, GATE_WIDTH, GATE_HEIGHT));
    this.engine.update(rules);
  }

  /** Decodes a tiny greyscale picture of the frame and asks the motion gate whether to analyse it. */
  async check(image: Uint8Array, at: number): Promise<GateResult> {
    const started = performance.now();
    const grey = await greyThumbnail(image);
    const decision = this.gate.decide(grey, at, this.tracker.size > 0);
    return { ...decision, gateMs: performance.now() - started };
  }

  /** Detects, tracks and applies the rules to one frame captured at `at` (ms). */
  async analyse(image: ImageInput, at: number): Promise<AnalysedFrame> {
    let mark = performance.now();
    const lap = () => {
      const now = performance.now();
      const elapsed = now - mark;
      mark = now;
      return elapsed;
    };
    const prepared = await this.detector.prepare(image);
    const prepareMs = lap();
    const outputs = await this.detector.infer(prepared);
    const inferMs = lap();
    const detections = this.detector.decode(outputs, prepared.geometry, { labels: this.labels });
    const decodeMs = lap();
    const tracks = this.tracker.update(detections, at);
    const trackMs = lap();
    const { sourceWidth: width, sourceHeight: height } = prepared.geometry;
    const firings = this.engine.evaluate({ at, width, height }, tracks);
    const rulesMs = lap();
    return { width, height, detections, tracks, firings, timings: { prepareMs, inferMs, decodeMs, trackMs, rulesMs } };
  }
}
