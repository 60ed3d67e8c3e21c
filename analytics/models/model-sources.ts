// Where the TFJS source of each default model comes from: the installed @vladmandic/human, or a package
// fetched as a tarball with `npm pack` (too big to be a dependency). Fetched files are kept under
// <models dir>/sources so a rebuild needs no network.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeAtomically } from './atomic-write';
import { humanPackageDir, humanPackageVersion } from './human-package';
import { extractFromTarGz } from './tar-reader';
import { modelJsonSchema } from './tfjs-to-onnx/tfjs-model';

export type ModelSource =
  // A model.json inside the installed @vladmandic/human package.
  | { readonly kind: 'human'; readonly file: string }
  // A model.json inside the tarball of an npm package, e.g. "package/models/nanodet.json".
  | { readonly kind: 'npm-tarball'; readonly spec: string; readonly file: string };

export interface ResolvedSource {
  readonly modelJsonPath: string;
  // Human-readable provenance for the manifest, e.g. "@vladmandic/human@3.3.6 models/centernet.json".
  readonly origin: string;
}

// The source cannot be had right now (offline, registry down); other models can still be built.
export class SourceUnavailableError extends Error {
  override readonly name = 'SourceUnavailableError';
}

const execFileAsync = promisify(execFile);

export function describeSource(source: ModelSource): string {
  return source.kind === 'human' ? `@vladmandic/human ${source.file}` : `${source.spec} ${source.file.replace(/^package\//, '')}`;
}

export async function resolveSource(source: ModelSource, sourcesDir: string, refresh = false): Promise<ResolvedSource> {
  if (source.kind === 'human') {
    return {
      modelJsonPath: path.join(humanPackageDir(), source.file),
      origin: `@vladmandic/human@${humanPackageVersion()} ${source.file}`,
    };
  }
  const cacheDir = path.join(sourcesDir, source.spec.replace(/[^a-zA-Z0-9.@-]+/g, '_'));
  const modelJsonPath = path.join(cacheDir, path.basename(source.file));
  const origin = `${source.spec} ${source.file.replace(/^package\//, '')}`;
  if (!refresh && existsSync(modelJsonPath) && (await shardsPresent(modelJsonPath))) return { modelJsonPath, origin };
  await fetchFromTarball(source.spec, source.file, cacheDir);
  return { modelJsonPath, origin };
}

async function shardsPresent(modelJsonPath: string): Promise<boolean> {
  try {
    const json = modelJsonSchema.parse(JSON.parse(await readFile(modelJsonPath, 'utf8')));
    return json.weightsManifest.every((group) => group.paths.every((shard) => existsSync(path.join(path.dirname(modelJsonPath), shard))));
  } catch {
    return false;
  }
}

async function npmPack(spec: string, destination: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync('npm', ['pack', spec, '--pack-destination', destination, '--json', '--silent'], {
      timeout: 10 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    if (!packed) throw new Error('npm pack reported no file');
    return path.join(destination, packed.filename);
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim().split('\n').slice(-3).join(' ') || (error as Error).message;
    throw new SourceUnavailableError(`\`npm pack ${spec}\` failed (offline or registry unreachable?): ${detail}`);
  }
}

// Extracts the model.json and its weight shards; written to temp names and renamed, so that processes
// fetching at the same time never see half a file.
async function fetchFromTarball(spec: string, file: string, cacheDir: string): Promise<void> {
  const temp = await mkdtemp(path.join(os.tmpdir(), 'model-source-'));
  try {
    const tarball = await npmPack(spec, temp);
    const json = (await extractFromTarGz(tarball, (name) => name === file)).get(file);
    if (!json) throw new Error(`${spec} has no ${file}`);
    const manifest = modelJsonSchema.parse(JSON.parse(json.toString('utf8')));
    const shardNames = new Set(
      manifest.weightsManifest.flatMap((group) => group.paths.map((shard) => path.posix.join(path.posix.dirname(file), shard))),
    );
    const shards = await extractFromTarGz(tarball, (name) => shardNames.has(name));
    const missing = [...shardNames].filter((name) => !shards.has(name));
    if (missing.length > 0) throw new Error(`${spec} lacks ${missing.join(', ')}`);
    await mkdir(cacheDir, { recursive: true });
    for (const [name, content] of shards) await writeAtomically(path.join(cacheDir, path.posix.basename(name)), content);
    await writeAtomically(path.join(cacheDir, path.posix.basename(file)), json);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
