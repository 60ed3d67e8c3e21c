// Keeps the recordings within their limits, checked every few seconds so that a relay writing fast cannot
// overrun them between two checks:
// - the retention (RETENTION_DAYS) and the storage budget (RECORDINGS_MAX_GB): past either, the oldest
//   segments are deleted first;
// - the free-space floor (RECORDINGS_MIN_FREE_GB) of the recordings' file system, read with statfs: below it
//   recording stops (live view and snapshots go on), and it resumes only once the floor plus a margin is free
//   again, so a disk hovering at the floor does not restart every camera at every check.
// The free space is the file system's own figure, so relays sharing a DATA_DIR stop and resume together.
import { mkdir, statfs as fsStatfs } from 'node:fs/promises';
import type { Logger } from './logger';
import type { StorageReport } from './protocol';
import type { RecordingAccount } from './recording-account';
import { type RemovalResult } from './recording-account';

export const STORAGE_CHECK_MS = 5_000;
/** Recording resumes once this much more than the floor is free. */
export const RESUME_MARGIN_BYTES = 1e9;

/** The part of `fs.statfs` the guard reads: blocks available to the relay, and their size. */
export type StatFs = (directory: string) => Promise<{ bavail: number; bsize: number }>;

export interface StorageLimits {
  retentionDays: number;
  budgetBytes: number;
  minFreeBytes: number;
}

export interface StorageGuardOptions {
  limits: StorageLimits;
  log: Logger;
  /** Told when recording stops (false) or resumes (true). */
  onRecordingChange: (allowed: boolean) => void;
  statfs?: StatFs;
  now?: () => number;
}

export class StorageGuard {
  private paused = false;
  private pausedSince: number | null = null;
  private freeBytes: number | null = null;
  private checkedAt: number | null = null;
  private floorRun: Promise<void> | null = null;
  private limitsRun: Promise<void> | null = null;
  private rootMade = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly statfs: StatFs;
  private readonly now: () => number;

  constructor(
    readonly account: RecordingAccount,
    private readonly options: StorageGuardOptions,
  ) {
    this.statfs = options.statfs ?? fsStatfs;
    this.now = options.now ?? Date.now;
  }

  get recordingAllowed(): boolean {
    return !this.paused;
  }

  get resumeFreeBytes(): number {
    return this.options.limits.minFreeBytes + RESUME_MARGIN_BYTES;
  }

  start(intervalMs = STORAGE_CHECK_MS): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * One check of the floor and one of the retention and budget, each sharing a run already under way. The two
   * run apart, so the floor is read at every interval even while the first walk of a large tree goes on.
   * Never throws.
   */
  async check(): Promise<void> {
    await Promise.all([this.checkFloor(), this.keepLimits()]);
  }

  /** null until the free space was first read; the recordings' figures are null until their first walk is done. */
  report(): StorageReport | null {
    if (this.checkedAt === null) return null;
    const scanned = this.account.scanned;
    const oldest = scanned ? this.account.oldestStartMs() : null;
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      usedBytes: scanned ? this.account.usedBytes : null,
      budgetBytes: this.options.limits.budgetBytes,
      freeBytes: this.freeBytes,
      minFreeBytes: this.options.limits.minFreeBytes,
      resumeFreeBytes: this.resumeFreeBytes,
      recordingPaused: this.paused,
      pausedSince: iso(this.pausedSince),
      oldestRecordingAt: iso(oldest),
      checkedAt: iso(this.checkedAt)!,
    };
  }

  private keepLimits(): Promise<void> {
    this.limitsRun ??= this.runLimits().finally(() => (this.limitsRun = null));
    return this.limitsRun;
  }

  private checkFloor(): Promise<void> {
    this.floorRun ??= this.readFloor().finally(() => (this.floorRun = null));
    return this.floorRun;
  }

  private async runLimits(): Promise<void> {
    const { log, limits } = this.options;
    try {
      const now = this.now();
      if (this.account.scanned) await this.account.refresh(now);
      else await this.account.scan(now);
      const expired = await this.account.sweep(limits.retentionDays, now);
      if (removedAny(expired)) log.info({ ...expired, retentionDays: limits.retentionDays }, 'retention: old recordings deleted');
      const evicted = await this.account.evictOver(limits.budgetBytes, now);
      if (removedAny(evicted)) {
        log.info(
          { ...evicted, usedBytes: this.account.usedBytes, budgetBytes: limits.budgetBytes },
          'storage budget: oldest recordings deleted',
        );
      }
      // What was deleted is free again: recording may resume without waiting for the next interval.
      if (removedAny(expired) || removedAny(evicted)) await this.checkFloor();
    } catch (error) {
      log.error({ err: error }, 'recordings check failed');
    }
  }

  private async readFloor(): Promise<void> {
    const { log, limits } = this.options;
    try {
      if (!this.rootMade) await mkdir(this.account.root, { recursive: true });
      this.rootMade = true;
      const info = await this.statfs(this.account.root);
      this.freeBytes = Number(info.bavail) * Number(info.bsize);
    } catch (error) {
      log.warn({ err: error, directory: this.account.root }, 'cannot read the free space of the recordings');
      this.freeBytes = null;
      return;
    } finally {
      this.checkedAt = this.now();
    }
    const free = this.freeBytes;
    if (!this.paused && free < limits.minFreeBytes) {
      this.paused = true;
      this.pausedSince = this.now();
      log.error(
        { freeBytes: free, minFreeBytes: limits.minFreeBytes, resumeFreeBytes: this.resumeFreeBytes },
        'recording stopped: free disk space below RECORDINGS_MIN_FREE_GB (live view goes on)',
      );
      this.options.onRecordingChange(false);
    } else if (this.paused && free >= this.resumeFreeBytes) {
      this.paused = false;
      this.pausedSince = null;
      log.warn({ freeBytes: free, minFreeBytes: limits.minFreeBytes }, 'recording resumed: free disk space is back');
      this.options.onRecordingChange(true);
    }
  }
}

const removedAny = (result: RemovalResult) => result.removedSegments + result.removedDays > 0;
