// A relay's storage report as tests send it: 18.5 of a 20 GB budget used, on a disk above or below its floor.
import type { StorageReport } from '../protocol';

const GB = 1e9;

export function storageReport(paused: boolean, at = new Date().toISOString(), pausedSince = at): StorageReport {
  return {
    usedBytes: 18.5 * GB,
    budgetBytes: 20 * GB,
    freeBytes: paused ? 1.5 * GB : 40 * GB,
    minFreeBytes: 2 * GB,
    resumeFreeBytes: 3 * GB,
    recordingPaused: paused,
    pausedSince: paused ? pausedSince : null,
    oldestRecordingAt: '2026-11-20T00:00:00.000Z',
    checkedAt: at,
  };
}
