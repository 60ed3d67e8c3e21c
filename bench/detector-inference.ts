// Detector inference time per frame on this CPU, for each default model: session.run alone (one thread, as
// the worker runs it) and detect() end to end (decode the JPEG, resize, normalise, run, decode, NMS), in the
// same run. Median and p90 of 30 frames after 5 warm-up frames. Frames are the test photos in turn, plus a
// 1920x1080 JPEG made from one of them, since cameras deliver full-HD frames.
// Run: npx tsx bench/detector-inference.ts
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { Detector } from '../analytics/detector/detector';
import { ensureModels, modelsDir } from '../analytics/models/build-models';
import { DEFAULT_MODELS } from '../analytics/models/default-models';

const WARMUP = 5;
const RUNS = 30;
const DATA_DIR = process.env.DATA_DIR ?? './data';
const PHOTOS = path.join(import.meta.dirname, '../fixtures/media/photos');

function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function time(runs: number, frames: readonly Uint8Array[], measure: (frame: Uint8Array) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const frame = frames[i % frames.length]!;
    const start = performance.now();
    await measure(frame);
    samples.push(performance.now() - start);
  }
  return samples;
}

const photos = await Promise.all(['person.jpg', 'dog.jpg', 'astronaut.jpg'].map((name) => readFile(path.join(PHOTOS, name))));
const fullHd = await sharp(photos[0]).resize(1920, 1080, { fit: 'fill' }).jpeg({ quality: 85 }).toBuffer();
const statuses = await ensureModels(DATA_DIR, { log: (message) => console.warn(message) });

const rows: Record<string, string | number>[] = [];
for (const model of DEFAULT_MODELS) {
  const status = statuses.find((candidate) => candidate.name === model.name);
  if (status?.state !== 'cached' && status?.state !== 'built') {
    console.warn(`${model.name}: not available, skipped`);
    continue;
  }
  const detector = await Detector.load(modelsDir(DATA_DIR), model.name);
  const prepared = await detector.prepare(photos[0]!);
  for (const [frames, label] of [
    [photos, 'test photos'],
    [[fullHd], '1920x1080 JPEG'],
  ] as const) {
    await time(WARMUP, frames, (frame) => detector.detect(frame));
    const run = await time(RUNS, frames, () => detector.infer(prepared));
    const endToEnd = await time(RUNS, frames, (frame) => detector.detect(frame));
    const { width, height } = detector.manifest.input;
    rows.push({
      model: model.name,
      input: `${width}x${height}`,
      frames: label,
      'session.run median ms': Number(quantile(run, 0.5).toFixed(1)),
      'session.run p90 ms': Number(quantile(run, 0.9).toFixed(1)),
      'detect() median ms': Number(quantile(endToEnd, 0.5).toFixed(1)),
      'detect() p90 ms': Number(quantile(endToEnd, 0.9).toFixed(1)),
    });
  }
  await detector.release();
}

console.log(`${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), onnxruntime-node CPU, intraOpNumThreads 1`);
console.table(rows);
