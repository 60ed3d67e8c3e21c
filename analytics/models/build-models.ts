// Builds the default models into <dataDir>/models as <name>.onnx + <name>.manifest.json, checked against the
// SHA-256 sums in checksums.json. The build is deterministic, so a different sum means the source or the
// converter changed, which is an error unless a maintainer records the new sums (--update-checksums).
import { createHash } from 'node:crypto';
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { writeAtomically } from './atomic-write';
import { DEFAULT_MODELS, type DefaultModel } from './default-models';
import { parseModelManifest } from './manifest';
import { describeSource, resolveSource, SourceUnavailableError } from './model-sources';
import { CONVERTER_VERSION, convertTfjsToOnnx } from './tfjs-to-onnx/convert';
import { parseTfjsGraphModel, readTfjsModelFiles } from './tfjs-to-onnx/tfjs-model';

export const CHECKSUMS_PATH = fileURLToPath(new URL('./checksums.json', import.meta.url));

const checksumEntrySchema = z.object({ source: z.string(), onnx: z.string(), manifest: z.string() });
const checksumsSchema = z.record(z.string(), checksumEntrySchema);

export type ChecksumEntry = z.infer<typeof checksumEntrySchema>;
export type Checksums = z.infer<typeof checksumsSchema>;

export interface BuiltModel {
  readonly name: string;
  readonly onnx: Uint8Array;
  readonly manifest: string;
  readonly checksums: ChecksumEntry;
}

export type ModelStatus =
  | {
      readonly name: string;
      readonly state: 'cached' | 'built';
      readonly onnxPath: string;
      readonly manifestPath: string;
      readonly note?: string;
    }
  | { readonly name: string; readonly state: 'missing'; readonly reason: string };

export interface EnsureModelsOptions {
  // Names of the models to ensure; all of them by default.
  readonly models?: readonly string[];
  // The model definitions to build from; DEFAULT_MODELS by default.
  readonly definitions?: readonly DefaultModel[];
  // Rebuild everything and record the resulting sums instead of checking them.
  readonly updateChecksums?: boolean;
  readonly checksumsPath?: string;
  readonly log?: (message: string) => void;
}

export class ChecksumMismatchError extends Error {
  override readonly name = 'ChecksumMismatchError';
}

export function modelsDir(dataDir: string): string {
  return path.join(dataDir, 'models');
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function readChecksums(file = CHECKSUMS_PATH): Promise<Checksums> {
  try {
    return checksumsSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

async function hashOf(file: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

// Converts one default model in memory; `sourcesDir` caches fetched sources.
export async function buildModel(model: DefaultModel, sourcesDir: string, refreshSource = false): Promise<BuiltModel> {
  const source = await resolveSource(model.source, sourcesDir, refreshSource);
  const files = await readTfjsModelFiles(source.modelJsonPath);
  const conversion = convertTfjsToOnnx(parseTfjsGraphModel(files.json, files.weightData), {
    graphName: model.name,
    docString: `${model.title}, converted from ${source.origin}`,
    metadata: { source: source.origin },
  });
  const manifest = parseModelManifest(model.manifest(conversion, source.origin, `canteen-command tfjs-to-onnx ${CONVERTER_VERSION}`));
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const sourceHash = createHash('sha256');
  for (const file of files.files) sourceHash.update(sha256(file.bytes));
  return {
    name: model.name,
    onnx: conversion.onnx,
    manifest: manifestText,
    checksums: { source: sourceHash.digest('hex'), onnx: sha256(conversion.onnx), manifest: sha256(manifestText) },
  };
}

function mismatchMessage(model: DefaultModel, built: ChecksumEntry, recorded: ChecksumEntry | undefined, checksumsPath: string): string {
  const fix = `If this change is intended, record the new sums with \`npm run models -- --update-checksums\` and commit ${path.basename(checksumsPath)}.`;
  if (!recorded) return `No checksum is recorded for model ${model.name} in ${checksumsPath}. ${fix}`;
  const parts = (['source', 'onnx', 'manifest'] as const).filter((part) => built[part] !== recorded[part]);
  const cause =
    built.source !== recorded.source
      ? `its source (${describeSource(model.source)}) is not the one recorded — a different package version?`
      : 'the converter or the manifest definition now produces different bytes from the same source';
  return (
    `Model ${model.name} built with checksums that differ from ${checksumsPath} (${parts.map((part) => `${part}: ${built[part]} != ${recorded[part]}`).join('; ')}): ` +
    `${cause}. ${fix}`
  );
}

export async function ensureModels(
  dataDir: string = process.env.DATA_DIR ?? './data',
  options: EnsureModelsOptions = {},
): Promise<ModelStatus[]> {
  const log = options.log ?? ((message: string) => console.warn(`[models] ${message}`));
  const checksumsPath = options.checksumsPath ?? CHECKSUMS_PATH;
  const checksums = await readChecksums(checksumsPath);
  const definitions = options.definitions ?? DEFAULT_MODELS;
  const wanted = options.models ?? definitions.map((model) => model.name);
  const unknown = wanted.filter((name) => !definitions.some((model) => model.name === name));
  if (unknown.length > 0) throw new Error(`unknown model(s): ${unknown.join(', ')}`);
  const dir = modelsDir(dataDir);
  await mkdir(dir, { recursive: true });

  const statuses: ModelStatus[] = [];
  for (const model of definitions.filter((candidate) => wanted.includes(candidate.name))) {
    const onnxPath = path.join(dir, `${model.name}.onnx`);
    const manifestPath = path.join(dir, `${model.name}.manifest.json`);
    const recorded = checksums[model.name];
    let note: string | undefined;
    if (!options.updateChecksums && recorded) {
      const [onnxHash, manifestHash] = await Promise.all([hashOf(onnxPath), hashOf(manifestPath)]);
      if (onnxHash === recorded.onnx && manifestHash === recorded.manifest) {
        statuses.push({ name: model.name, state: 'cached', onnxPath, manifestPath });
        continue;
      }
      if (onnxHash !== undefined || manifestHash !== undefined) {
        note = `cached ${model.name} does not match its recorded checksum (onnx ${onnxHash ?? 'missing'}, expected ${recorded.onnx}); rebuilt it`;
        log(note);
      }
    }

    log(`building ${model.name} from ${describeSource(model.source)}`);
    let built: BuiltModel;
    try {
      built = await buildModel(model, path.join(dir, 'sources'), options.updateChecksums);
      // A cached source that no longer matches (damaged, or fetched from a changed package) is fetched again once.
      if (!options.updateChecksums && recorded && built.checksums.source !== recorded.source && model.source.kind === 'npm-tarball') {
        built = await buildModel(model, path.join(dir, 'sources'), true);
      }
    } catch (error) {
      if (!(error instanceof SourceUnavailableError)) throw error;
      const reason = `${model.title} (${model.name}) is missing: ${error.message}. CenterNet still works and is used instead.`;
      log(reason);
      statuses.push({ name: model.name, state: 'missing', reason });
      continue;
    }
    if (options.updateChecksums) {
      checksums[model.name] = built.checksums;
    } else if (!recorded || (['source', 'onnx', 'manifest'] as const).some((part) => built.checksums[part] !== recorded[part])) {
      throw new ChecksumMismatchError(mismatchMessage(model, built.checksums, recorded, checksumsPath));
    }
    await writeAtomically(onnxPath, built.onnx);
    await writeAtomically(manifestPath, built.manifest);
    statuses.push({ name: model.name, state: 'built', onnxPath, manifestPath, ...(note ? { note } : {}) });
  }

  if (options.updateChecksums) {
    const sorted = Object.fromEntries(Object.entries(checksums).sort(([a], [b]) => a.localeCompare(b)));
    await writeAtomically(checksumsPath, `${JSON.stringify(sorted, null, 2)}\n`);
  }
  return statuses;
}
