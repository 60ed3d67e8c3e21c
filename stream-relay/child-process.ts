// The relay's ffmpeg children: bound to the relay's life, and ended politely.
//
// Bound: on Linux every ffmpeg is started through `setpriv --pdeathsig KILL` (util-linux), which asks the kernel
// to kill it the moment the relay exits, however it exits — SIGKILL and a crash included. Without that an
// orphaned ffmpeg would go on pulling its camera and writing recordings: ffmpeg does not stop when the pipe
// it writes live video to is closed while it has other outputs. setpriv execs ffmpeg in its own place, so the
// pid and the signals the relay sends are ffmpeg's own. Where setpriv is missing ffmpeg runs unbound, and
// only the relay's own shutdown (and, for the embedded relay, the server's kill of its process group) ends it.
//
// Ended politely: SIGTERM lets ffmpeg write its trailers (the open segment stays playable); SIGKILL follows
// if it has not exited within the grace period.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

let bindingPrefix: string[] | undefined;

/** `setpriv --pdeathsig KILL --` where the kernel and setpriv offer it, else nothing (checked once). */
function parentDeathBinding(): string[] {
  if (bindingPrefix) return bindingPrefix;
  const prefix = ['setpriv', '--pdeathsig', 'KILL', '--'];
  const works = process.platform === 'linux' && spawnSync(prefix[0]!, [...prefix.slice(1), 'true'], { stdio: 'ignore' }).status === 0;
  bindingPrefix = works ? prefix : [];
  return bindingPrefix;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether `command` names an executable, as the PATH lookup of spawn would find it. */
function runnable(command: string): boolean {
  if (command.includes('/')) return isExecutable(command);
  return (process.env.PATH ?? '').split(path.delimiter).some((directory) => directory && isExecutable(path.join(directory, command)));
}

/**
 * Starts `command` as a child that dies with this process (see above); otherwise exactly `spawn`, down to
 * the ENOENT error of a command that is not there (setpriv would only exit 127, and the reason be lost).
 */
export function spawnBound(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const [binder, ...binderArgs] = parentDeathBinding();
  return binder && runnable(command) ? spawn(binder, [...binderArgs, command, ...args], options) : spawn(command, args, options);
}

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
