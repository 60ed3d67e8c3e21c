// Sizes as the configuration states them: gigabytes of 10⁹ bytes (RECORDINGS_MAX_GB), megabytes below one.
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(bytes >= 100e9 ? 0 : 1)} GB`;
  return `${Math.round(bytes / 1e6)} MB`;
}
