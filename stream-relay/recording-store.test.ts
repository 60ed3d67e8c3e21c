import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingStore } from './recording-store';
import { shanghaiDay } from './shanghai-time';

let root: string;
let store: RecordingStore;
const camera = randomUUID();

async function segment(startMs: number, lastWriteMs: number, bytes = 1880): Promise<string> {
  const directory = path.join(root, camera, shanghaiDay(startMs));
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, `${Math.floor(startMs / 1000)}.ts`);
  await writeFile(file, Buffer.alloc(bytes));
  await utimes(file, new Date(lastWriteMs), new Date(lastWriteMs));
  return file;
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'relay-store-'));
  store = new RecordingStore(root);
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('recording store', () => {
  it('lists overlapping segments; each ends where the next begins, or at its last write across a gap', async () => {
    const t0 = Date.parse('2026-03-02T15:59:00Z'); // 23:59 in Shanghai: the segments straddle two day directories
    await segment(t0, t0 + 60_000);
    await segment(t0 + 60_000, t0 + 120_500);
    await segment(t0 + 300_000, t0 + 330_000); // after a 3-minute gap; the newest
    await mkdir(path.join(root, camera, shanghaiDay(t0), 'not-a-segment'));
    await writeFile(path.join(root, camera, shanghaiDay(t0), 'notes.txt'), 'x');

    const all = await store.list(camera, t0 - 3_600_000, t0 + 3_600_000);
    expect(all.map((entry) => [entry.startMs - t0, entry.endMs - t0])).toEqual([
      [0, 60_000],
      [60_000, 120_500],
      [300_000, 330_000],
    ]);
    expect(new Set(all.map((entry) => path.basename(path.dirname(entry.file))))).toEqual(new Set(['2026-03-02', '2026-03-03']));
    expect((await store.list(camera, t0 + 130_000, t0 + 200_000)).length).toBe(0);
    expect((await store.list(camera, t0 + 59_000, t0 + 61_000)).length).toBe(2);
  });

  it('builds paths from camera UUIDs only, escaping % for strftime', () => {
    expect(() => store.cameraDirectory('../../etc')).toThrow();
    expect(new RecordingStore('/data/100%').segmentPattern(camera)).toBe(`/data/100%%/${camera}/%Y-%m-%d/%s.ts`);
  });
});
