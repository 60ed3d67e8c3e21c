// The detection worker's pipeline on this CPU, per camera frame: snapshot decode → motion gate → detector
// (prepare, session.run, decode + NMS) → tracker → rules, against raw `session.run` in the same run; the share
// of frames the motion gate skips on a still scene and on a busy one (the `people` clip); and how many cameras
// one core serves at 1 fps from the measured costs and skip rates.
//
// Frames are what the worker gets from GET /api/cameras/:id/snapshot: the relay's JPEG of each keyframe
// (`-skip_frame nokey`, MJPEG q 4, 1280×720), one a second (a 1 s GOP). Made here with ffmpeg from the clips the
// simulated cameras serve, then fed to the same CameraAnalyser the worker runs, at 1 s intervals of capture
// time. The HTTP fetch of the snapshot (about 1 ms at the relay) is not counted. One inference thread, as the
// worker runs it.
// Run: npx tsx bench/detection-pipeline.ts [--seconds 300] [--model nanodet]
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Detector } from '../analytics/detector/detector';
import { ensureModels, modelsDir } from '../analytics/models/build-models';
import { DETECTOR_PREFERENCE, preferredDetector } from '../analytics/models/default-models';
import { CameraRules } from '../analytics/rules/schema';
import { CameraAnalyser } from '../analytics/worker/analyser';
import { ensureClips } from '../fixtures/media/clips';
import { keyframeJpegs } from '../stream-relay/testing/keyframe-jpegs';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '300' },
    model: { type: 'string' },
    'data-dir': { type: 'string', default: process.env.DATA_DIR ?? './data' },
  },
});
const SECONDS = Number(values.seconds);
const DATA_DIR = values['data-dir'];
const CLIPS = path.join(os.tmpdir(), 'canteen-command-clips');
const WARMUP = 5;
const RAW_RUNS = 40;

const quantile = (samples: readonly number[], q: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const median = (samples: readonly number[]) => quantile(samples, 0.5);
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

// A kitchen at night: after hours, a person anywhere is a violation (the default rule everywhere).
const nightRules = CameraRules.parse({
  schedule: { workingHours: [] },
  rules: [{ category: 'after_hours_person' }, { category: 'animal' }],
});

interface SceneResult {
  sampled: number;
  analysed: number;
  skipShare: number;
  gateMs: number[];
  pipelineMs: number[];
  parts: { prepareMs: number[]; inferMs: number[]; decodeMs: number[]; trackMs: number[]; rulesMs: number[] };
  firings: number;
}

async function runScene(detector: Detector, frames: readonly Buffer[], seconds: number): Promise<SceneResult> {
  const analyser = new CameraAnalyser('bench-camera', nightRules, detector);
  const start = Date.now();
  const result: SceneResult = {
    sampled: 0,
    analysed: 0,
    skipShare: 0,
    gateMs: [],
    pipelineMs: [],
    parts: { prepareMs: [], inferMs: [], decodeMs: [], trackMs: [], rulesMs: [] },
    firings: 0,
  };
  for (let second = 0; second < seconds; second += 1) {
    const jpeg = frames[second % frames.length]!;
    const at = start + second * 1000;
    const began = performance.now();
    const gate = await analyser.check(jpeg, at);
    result.sampled += 1;
    result.gateMs.push(gate.gateMs);
    if (!gate.run) continue;
    const analysed = await analyser.analyse(jpeg, at);
    result.pipelineMs.push(performance.now() - began);
    result.analysed += 1;
    result.firings += analysed.firings.length;
    for (const key of Object.keys(result.parts) as (keyof SceneResult['parts'])[]) result.parts[key].push(analysed.timings[key]);
  }
  result.skipShare = 1 - result.analysed / result.sampled;
  return result;
}

const statuses = await ensureModels(DATA_DIR, {
  models: values.model ? [values.model] : DETECTOR_PREFERENCE,
  log: (message) => console.warn(message),
});
const model = values.model ?? preferredDetector(statuses);
if (!model) throw new Error('no detector model could be built');
const detector = await Detector.load(modelsDir(DATA_DIR), model);

try {
  const clips = await ensureClips(CLIPS);
  const busyFrames = keyframeJpegs(clips.people);
  const stillFrames = keyframeJpegs(clips.still);

  // Warm up, then raw session.run on a prepared frame: the baseline.
  for (let i = 0; i < WARMUP; i += 1) await detector.detect(busyFrames[i % busyFrames.length]!);
  const prepared = await detector.prepare(busyFrames[0]!);
  const raw: number[] = [];
  for (let i = 0; i < RAW_RUNS; i += 1) {
    const began = performance.now();
    await detector.infer(prepared);
    raw.push(performance.now() - began);
  }
  const rawMs = median(raw);

  const busy = await runScene(detector, busyFrames, SECONDS);
  const still = await runScene(detector, stillFrames, SECONDS);

  const pipelineMs = median(busy.pipelineMs);
  const gateMs = median([...busy.gateMs, ...still.gateMs]);
  const perSampled = (scene: SceneResult) => median(scene.gateMs) + (1 - scene.skipShare) * (pipelineMs - median(busy.gateMs));
  const camerasPerCore = (costMs: number) => Math.floor(1000 / costMs);
  const mixed = (perSampled(busy) + perSampled(still)) / 2;

  console.log(
    `${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), Node ${process.version}, model ${model}, onnxruntime-node CPU, 1 thread`,
  );
  console.log(`${SECONDS} s of 1 fps keyframe snapshots per scene (1280x720 JPEG); warm-up ${WARMUP} frames\n`);
  console.table([
    { stage: 'raw session.run (baseline)', 'median ms': round(rawMs), 'p90 ms': round(quantile(raw, 0.9)) },
    {
      stage: 'snapshot decode + motion gate',
      'median ms': round(gateMs, 2),
      'p90 ms': round(quantile([...busy.gateMs, ...still.gateMs], 0.9), 2),
    },
    {
      stage: 'detector prepare (decode, resize)',
      'median ms': round(median(busy.parts.prepareMs)),
      'p90 ms': round(quantile(busy.parts.prepareMs, 0.9)),
    },
    { stage: 'detector session.run', 'median ms': round(median(busy.parts.inferMs)), 'p90 ms': round(quantile(busy.parts.inferMs, 0.9)) },
    {
      stage: 'detector decode + NMS',
      'median ms': round(median(busy.parts.decodeMs), 2),
      'p90 ms': round(quantile(busy.parts.decodeMs, 0.9), 2),
    },
    { stage: 'tracker', 'median ms': round(median(busy.parts.trackMs), 3), 'p90 ms': round(quantile(busy.parts.trackMs, 0.9), 3) },
    { stage: 'rules', 'median ms': round(median(busy.parts.rulesMs), 3), 'p90 ms': round(quantile(busy.parts.rulesMs, 0.9), 3) },
    { stage: 'whole pipeline per analysed frame', 'median ms': round(pipelineMs), 'p90 ms': round(quantile(busy.pipelineMs, 0.9)) },
  ]);
  console.log(`pipeline / raw session.run: ${round(pipelineMs / rawMs, 2)}x\n`);
  console.table([
    {
      scene: 'still (nobody, nothing moves)',
      sampled: still.sampled,
      analysed: still.analysed,
      'skipped by gate': `${round(still.skipShare * 100)} %`,
      'ms per sampled frame': round(perSampled(still), 2),
      'cameras per core at 1 fps': camerasPerCore(perSampled(still)),
    },
    {
      scene: 'busy (people clip, panning)',
      sampled: busy.sampled,
      analysed: busy.analysed,
      'skipped by gate': `${round(busy.skipShare * 100)} %`,
      'ms per sampled frame': round(perSampled(busy), 1),
      'cameras per core at 1 fps': camerasPerCore(perSampled(busy)),
    },
    {
      scene: 'half still, half busy',
      sampled: '',
      analysed: '',
      'skipped by gate': `${round(((still.skipShare + busy.skipShare) / 2) * 100)} %`,
      'ms per sampled frame': round(mixed, 1),
      'cameras per core at 1 fps': camerasPerCore(mixed),
    },
  ]);
  console.log(
    `firings (rules: person after hours, cooldown 300 s; cat or dog, cooldown 600 s): busy scene ${busy.firings}, still scene ${still.firings}`,
  );
} finally {
  await detector.release();
}
