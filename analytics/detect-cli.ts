// npm run detect -- <image> [--model <name>] [--threshold <score>] [--data-dir <dir>]
// Runs a detector (NanoDet if it could be built, else CenterNet) on one image and prints one JSON line per
// detection, box in image pixels. Builds the default models first if they are missing; messages go to stderr.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Detector } from './detector/detector';
import { ensureModels, modelsDir } from './models/build-models';
import { DEFAULT_MODELS, DETECTOR_PREFERENCE, preferredDetector } from './models/default-models';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    model: { type: 'string' },
    threshold: { type: 'string' },
    'data-dir': { type: 'string', default: process.env.DATA_DIR ?? './data' },
  },
});

async function main(): Promise<void> {
  const [imagePath] = positionals;
  if (!imagePath || positionals.length > 1) throw new Error('usage: npm run detect -- <image file> [--model <name>] [--threshold <score>]');
  const dataDir = values['data-dir'];
  const requested = values.model;
  const isDefault = (name: string) => DEFAULT_MODELS.some((model) => model.name === name);
  const statuses = await ensureModels(dataDir, {
    models: requested ? (isDefault(requested) ? [requested] : []) : DETECTOR_PREFERENCE,
    log: (message) => console.error(message),
  });
  const name = requested ?? preferredDetector(statuses);
  if (!name) throw new Error('no detector model could be built');
  const missing = statuses.find((status) => status.name === name && status.state === 'missing');
  if (missing?.state === 'missing') throw new Error(missing.reason);

  const detector = await Detector.load(modelsDir(dataDir), name);
  try {
    const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
    if (threshold !== undefined && !(threshold >= 0 && threshold <= 1))
      throw new Error(`--threshold must be between 0 and 1, got ${values.threshold}`);
    const detections = await detector.detect(await readFile(imagePath), threshold === undefined ? {} : { scoreThreshold: threshold });
    console.error(`${detector.name}: ${detections.length} detection(s) in ${imagePath}`);
    for (const detection of detections) {
      process.stdout.write(
        `${JSON.stringify({ label: detection.label, score: Math.round(detection.score * 1000) / 1000, box: detection.box.map((value) => Math.round(value)) })}\n`,
      );
    }
  } finally {
    await detector.release();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});
