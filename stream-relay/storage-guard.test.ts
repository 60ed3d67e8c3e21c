// The guard's decisions on a real recordings directory, with the free space read through a stand-in for
// statfs (a test does not fill a real disk).
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingAccount } from './recording-account';
import { shanghaiDay } from './shanghai-time';
import { RESUME_MARGIN_BYTES, StorageGuard } from './storage-guard';

const GB = 1e9;
const log = pino({ level: 'silent' });
let root: string;
let free: number;
let changes: boolean[];

function guardOf(limits: { budgetBytes?: number; minFreeBytes?: number } = {}) {
  return new StorageGuard(new RecordingAccount(root), {
    limits: { retentionDays: 30, budgetBytes: limits.budgetBytes ?? 10 * GB, minFreeBytes: limits.minFreeBytes ?? 2 * GB },
    log,
    onRecordingChange: (allowed) => changes.push(allowed),
    statfs: () => Promise.resolve({ bavail: free / 4096, bsize: 4096 }),
  });
}

beforeEach(async () => {
  root = path.join(await mkdtemp(path.join(os.tmpdir(), 'relay-guard-')), 'recordings');
  free = 50 * GB;
  changes = [];
});
afterEach(() => rm(path.dirname(root), { recursive: true, force: true }));

describe('storage guard', () => {
  it('stops recording below the free-space floor and resumes only once the floor and a margin are free', async () => {
    const guard = guardOf({ minFreeBytes: 2 * GB });
    expect(guard.report()).toBeNull();
    await guard.check();
    expect(guard.recordingAllowed).toBe(true);
    expect(guard.report()).toMatchObject({ recordingPaused: false, freeBytes: 50 * GB, minFreeBytes: 2 * GB, pausedSince: null });

    free = 2 * GB - 4096;
    await guard.check();
    expect(guard.recordingAllowed).toBe(false);
    expect(changes).toEqual([false]);
    const paused = guard.report()!;
    expect(paused).toMatchObject({ recordingPaused: true, freeBytes: 2 * GB - 4096, resumeFreeBytes: 2 * GB + RESUME_MARGIN_BYTES });
    expect(paused.pausedSince).not.toBeNull();

    // Back above the floor, but not by the margin: still stopped, and no restart of every camera.
    free = 2 * GB + RESUME_MARGIN_BYTES / 2;
    await guard.check();
    expect(guard.recordingAllowed).toBe(false);
    expect(changes).toEqual([false]);

    free = 2 * GB + RESUME_MARGIN_BYTES;
    await guard.check();
    expect(guard.recordingAllowed).toBe(true);
    expect(changes).toEqual([false, true]);
    expect(guard.report()).toMatchObject({ recordingPaused: false, pausedSince: null });
  });

  it('keeps the recordings within the budget at every check and reports what they take', async () => {
    const now = Date.now();
    const camera = randomUUID();
    const day = path.join(root, camera, shanghaiDay(now));
    await mkdir(day, { recursive: true });
    // Three closed segments of 1 MB, the oldest ten minutes ago.
    const starts = [10, 9, 8].map((minutes) => Math.floor((now - minutes * 60_000) / 1000));
    for (const start of starts) await writeFile(path.join(day, `${start}.ts`), Buffer.alloc(1_000_000));
    const guard = guardOf({ budgetBytes: 2_500_000 });

    await guard.check();
    expect(guard.report()).toMatchObject({ usedBytes: 2_000_000, budgetBytes: 2_500_000 });
    expect(guard.report()!.oldestRecordingAt).toBe(new Date(starts[1]! * 1000).toISOString());
  });

  it('checks once at a time: a check asked for during another shares it', async () => {
    let reads = 0;
    const guard = new StorageGuard(new RecordingAccount(root), {
      limits: { retentionDays: 30, budgetBytes: 10 * GB, minFreeBytes: 2 * GB },
      log,
      onRecordingChange: (allowed) => changes.push(allowed),
      statfs: () => {
        reads += 1;
        return Promise.resolve({ bavail: free / 4096, bsize: 4096 });
      },
    });
    await Promise.all([guard.check(), guard.check()]);
    expect(reads).toBe(1);
    await guard.check();
    expect(reads).toBe(2);
  });
});
