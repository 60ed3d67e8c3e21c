// For tests: the default models built once into a cache shared by all test files (and test runs). Concurrent
// builds are safe because every file is written under a temporary name and renamed into place.
import os from 'node:os';
import path from 'node:path';
import { ensureModels, modelsDir, type ModelStatus } from './build-models';

export const TEST_DATA_DIR = path.join(os.tmpdir(), 'canteen-command-models');
export const TEST_MODELS_DIR = modelsDir(TEST_DATA_DIR);

let ready: Promise<ModelStatus[]> | undefined;

export function ensureTestModels(): Promise<ModelStatus[]> {
  ready ??= ensureModels(TEST_DATA_DIR, { log: () => undefined });
  return ready;
}

// Fails with the build's own reason when a model could not be built (e.g. NanoDet offline).
export async function requireTestModel(name: string): Promise<void> {
  const status = (await ensureTestModels()).find((candidate) => candidate.name === name);
  if (!status) throw new Error(`${name} is not a default model`);
  if (status.state === 'missing') throw new Error(status.reason);
}
