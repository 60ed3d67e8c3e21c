// Ending ffmpeg children politely: SIGTERM lets ffmpeg write its trailers (the open segment stays playable);
// SIGKILL follows if it has not exited within the grace period.
import type { ChildProcess } from 'node:child_process';

export const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Resolves once the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => child.once('close', () => resolve()));
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the child is gone. */
export async function terminate(child: ChildProcess, graceMs = 2_000): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return;
  const gone = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}
