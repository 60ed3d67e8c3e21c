// Runs a companion process (the embedded stream relay, the detection worker) beside the server: its JSON log
// lines go into the server's log, it is restarted with capped backoff if it dies, and stopped with the server.
//
// It never outlives the server: it is started with an IPC channel, which closes however the server ends
// (SIGKILL included), and the companion stops when it does (companion-lifecycle.ts). It runs in a process
// group of its own, which is killed whole once the companion has exited, so nothing it started — an ffmpeg of
// a relay that was itself killed — is left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Logger } from '../logger';
import { READY_MESSAGE } from './companion-lifecycle';

const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
const STOP_GRACE_MS = 5_000;

export interface Companion {
  /** Resolves when the companion first says it is up. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
  /** The running child, if any (tests). */
  readonly child: ChildProcess | undefined;
}

export function runCompanion(options: { name: string; script: string; env: NodeJS.ProcessEnv; log: Logger }): Companion {
  const log = options.log.child({ companion: options.name });
  let child: ChildProcess | undefined;
  let stopping = false;
  let failures = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let announceReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (announceReady = resolve));

  const start = () => {
    const startedAt = Date.now();
    const current = spawn(process.execPath, ['--import', 'tsx', options.script], {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
    });
    child = current;
    current.on('message', (message) => message === READY_MESSAGE && announceReady());
    const forward = (line: string) => {
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string };
        const level = entry.level ?? 30;
        // The server's logger writes its own level, time and name; the companion's are not repeated.
        const { msg, level: _level, time: _time, name: _name, ...rest } = entry as typeof entry & { time?: string; name?: string };
        if (level >= 50) log.error(rest, msg ?? '');
        else if (level >= 40) log.warn(rest, msg ?? '');
        else if (level >= 30) log.info(rest, msg ?? '');
        else log.debug(rest, msg ?? '');
      } catch {
        if (line.trim()) log.info(line);
      }
    };
    createInterface({ input: current.stdout! }).on('line', forward);
    createInterface({ input: current.stderr! }).on('line', (line) => line.trim() && log.warn(line));
    current.on('error', (error) => log.error({ err: error }, 'could not start'));
    current.on('exit', (code, signal) => {
      if (child === current) child = undefined;
      killGroup(current);
      if (stopping) return;
      // A child that ran for a minute had a good run: start over at the shortest delay.
      failures = Date.now() - startedAt > 60_000 ? 0 : failures + 1;
      const delay = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)]!;
      log.warn({ code, signal, restartInMs: delay }, 'exited; restarting');
      restartTimer = setTimeout(start, delay);
    });
  };
  start();

  return {
    ready,
    get child() {
      return child;
    },
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      const current = child;
      if (!current || current.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        const kill = setTimeout(() => current.kill('SIGKILL'), STOP_GRACE_MS);
        current.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        current.kill('SIGTERM');
      });
    },
  };
}

/** Kills whatever is left of the exited companion's process group (its pgid is its pid). */
function killGroup(companion: ChildProcess): void {
  if (companion.pid === undefined) return;
  try {
    process.kill(-companion.pid, 'SIGKILL');
  } catch {
    // ESRCH: nothing was left.
  }
}
