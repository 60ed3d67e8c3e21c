// The running account of the recordings and the removal of the oldest, on real files with known start
// times (their names), sizes and last writes.
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingAccount } from './recording-account';
import { RecordingStore } from './recording-store';
import { DAY_MS, shanghaiDay } from './shanghai-time';

const MINUTE_MS = 60_000;
/** Noon in Shanghai: no segment of the tests straddles a day by chance. */
const NOW = Date.parse('2026-03-02T04:00:00Z');
let root: string;

/** A segment that began at `startMs`, last written `writtenMs`, of `bytes` bytes. */
async function segment(camera: string, startMs: number, bytes: number, writtenMs = startMs + MINUTE_MS): Promise<string> {
  const directory = path.join(root, camera, shanghaiDay(startMs));
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, `${Math.floor(startMs / 1000)}.ts`);
  await writeFile(file, Buffer.alloc(bytes, 0x47));
  await utimes(file, new Date(writtenMs), new Date(writtenMs));
  return file;
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** Every segment on disk as `<camera>/<start seconds>`, and their total size: what a full walk finds. */
async function onDisk(): Promise<{ names: string[]; bytes: number }> {
  const names: string[] = [];
  let bytes = 0;
  for (const camera of await readdir(root)) {
    for (const day of await readdir(path.join(root, camera))) {
      for (const name of await readdir(path.join(root, camera, day))) {
        names.push(`${camera}/${name.replace('.ts', '')}`);
        bytes += (await stat(path.join(root, camera, day, name))).size;
      }
    }
  }
  return { names: names.sort(), bytes };
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'relay-account-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('recording account', () => {
  it('deletes the oldest segments across all cameras, by start time, until the recordings fit the budget', async () => {
    const now = NOW;
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const t0 = now - 3 * DAY_MS;
    // Interleaved in time across three cameras and three days, 1,000 bytes each (c's are 2,000).
    const plan: Array<[string, number, number]> = [
      [a, t0, 1000],
      [b, t0 + MINUTE_MS, 1000],
      [c, t0 + 2 * MINUTE_MS, 2000],
      [a, t0 + DAY_MS, 1000],
      [c, t0 + DAY_MS + MINUTE_MS, 2000],
      [b, t0 + DAY_MS + 2 * MINUTE_MS, 1000],
      [b, t0 + 2 * DAY_MS, 1000],
      [a, t0 + 2 * DAY_MS + MINUTE_MS, 1000],
      [c, now - 10 * MINUTE_MS, 2000],
    ];
    for (const [camera, start, bytes] of plan) await segment(camera, start, bytes);
    const account = new RecordingAccount(root);
    await account.scan(now);
    expect(account.usedBytes).toBe(12_000);
    expect(account.oldestStartMs()).toBe(Math.floor(t0 / 1000) * 1000);

    // 7,000 bytes may stay: the four oldest (a, b, c and a again: 5,000 bytes) go, nothing newer.
    const result = await account.evictOver(7_000, now);
    expect(result).toMatchObject({ removedSegments: 4, removedBytes: 5_000 });
    const expected = plan.slice(4).map(([camera, start]) => `${camera}/${Math.floor(start / 1000)}`);
    expect((await onDisk()).names).toEqual(expected.sort());
    expect(account.usedBytes).toBe(7_000);
    expect(account.oldestStartMs()).toBe(Math.floor((t0 + DAY_MS + MINUTE_MS) / 1000) * 1000);
    // The days emptied (a's and b's first day, c's first day) are gone with their segments.
    expect(await exists(path.join(root, a, shanghaiDay(t0)))).toBe(false);
    expect(await exists(path.join(root, c, shanghaiDay(t0)))).toBe(false);

    // Within the budget: nothing more goes.
    expect(await account.evictOver(7_000, now)).toMatchObject({ removedSegments: 0 });
  });

  it('leaves a segment ffmpeg is still writing, even over the budget', async () => {
    const now = NOW;
    const camera = randomUUID();
    const old = await segment(camera, now - 5 * MINUTE_MS, 4000);
    const open = await segment(camera, now - 30_000, 4000, now - 1000);
    const account = new RecordingAccount(root);
    await account.scan(now);

    expect(await account.evictOver(1000, now)).toMatchObject({ removedSegments: 1 });
    expect(await exists(old)).toBe(false);
    expect(await exists(open)).toBe(true);
    expect(account.usedBytes).toBe(4000);
  });

  it('keeps a running total of new and growing segments without walking every file', async () => {
    const now = NOW;
    const camera = randomUUID();
    const other = randomUUID();
    await segment(camera, now - 2 * DAY_MS, 1500);
    const growing = await segment(camera, now - 2 * MINUTE_MS, 100);
    const account = new RecordingAccount(root);
    await account.scan(now);
    expect(account.usedBytes).toBe(1600);

    // ffmpeg appends to the open segment, starts a new one, and another camera (of another relay on the same
    // DATA_DIR) appears.
    await appendFile(growing, Buffer.alloc(900));
    await segment(camera, now - MINUTE_MS, 700);
    await segment(other, now - 30_000, 300);
    await account.refresh(now);
    expect(account.usedBytes).toBe((await onDisk()).bytes);
    expect(account.usedBytes).toBe(1500 + 1000 + 700 + 300);

    // A camera directory removed from outside leaves the account.
    await rm(path.join(root, other), { recursive: true });
    await account.refresh(now);
    expect(account.usedBytes).toBe(3200);
  });

  it('lets relays that share a DATA_DIR keep one budget: they agree on the oldest and remove nothing twice', async () => {
    const now = NOW;
    const cameras = [randomUUID(), randomUUID()];
    for (let minute = 0; minute < 10; minute += 1) await segment(cameras[minute % 2]!, now - DAY_MS + minute * MINUTE_MS, 1000);
    const first = new RecordingAccount(root);
    const second = new RecordingAccount(root);
    await first.scan(now);
    await second.scan(now);

    expect(await first.evictOver(6_000, now)).toMatchObject({ removedSegments: 4 });
    const after = await onDisk();
    // The second relay still counts what the first removed; when it comes to them, it finds them gone.
    expect(await second.evictOver(6_000, now)).toMatchObject({ removedSegments: 0 });
    expect(await onDisk()).toEqual(after);
    expect(second.usedBytes).toBe(6_000);
  });

  it('sweeps what is older than the retention and keeps the rest', async () => {
    const now = NOW;
    const camera = randomUUID();
    const old = await segment(camera, now - 40 * DAY_MS, 1880, now - 40 * DAY_MS);
    const cutoffDayOld = await segment(camera, now - 30 * DAY_MS - 60_000, 1880, now - 30 * DAY_MS - 30_000);
    const recent = await segment(camera, now - 29 * DAY_MS, 1880, now - 29 * DAY_MS);
    const today = await segment(camera, now - 1000, 1880, now);
    await new RecordingStore(root).prepareDays(camera, now);
    const account = new RecordingAccount(root);
    await account.scan(now);

    const result = await account.sweep(30, now);
    expect(await exists(old)).toBe(false);
    expect(await exists(path.dirname(old))).toBe(false);
    expect(await exists(cutoffDayOld)).toBe(false);
    expect(await exists(recent)).toBe(true);
    expect(await exists(today)).toBe(true);
    expect(result.removedSegments).toBe(2);
    expect(account.usedBytes).toBe(2 * 1880);
    // Tomorrow's directory, made ahead for ffmpeg, stays.
    expect((await readdir(path.join(root, camera))).sort()).toContain(shanghaiDay(now + DAY_MS));
  });
});
