// The life of a companion process (the stream relay, the detection worker), seen from inside it. It stops on
// SIGTERM or SIGINT, and when the server that started it is gone: the server opens an IPC channel to each
// companion (see child-process.ts), and the channel closes when the server exits in any way, SIGKILL and a
// crash included, so a companion never outlives its server to call a restarted one with a dead token. Run by
// hand there is no channel and only the signals count. A stop that takes longer than `limitMs` exits 1.
import type { Logger } from 'pino';

/** The message a companion sends its server once it is up. */
export const READY_MESSAGE = 'companion-ready';

export interface CompanionLifecycle {
  /** What stopping means once there is something to stop; a stop asked for before this exits at once. */
  onStop(stop: () => Promise<void>): void;
  /** Tells the server that started this process that it is up (nothing when run by hand). */
  ready(): void;
}

export function companionLifecycle(options: { name: string; log: Logger; limitMs: number }): CompanionLifecycle {
  const { name, log } = options;
  let stopWork: (() => Promise<void>) | undefined;
  let stopping = false;
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, `${name} stopping`);
    setTimeout(() => {
      log.error(`${name}: shutdown took too long; exiting`);
      process.exit(1);
    }, options.limitMs).unref();
    (stopWork ?? (() => Promise.resolve()))().then(
      () => {
        log.info(`${name} stopped`);
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, `${name}: shutdown failed`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Only a process started with an IPC channel has one to lose (and `send`); it may have lost it already,
  // while its modules were still loading.
  if (process.send && !process.connected) shutdown('the server that started it is gone');
  else if (process.send) process.once('disconnect', () => shutdown('the server that started it is gone'));
  return {
    onStop(stop) {
      stopWork = stop;
    },
    ready() {
      if (process.connected) process.send?.(READY_MESSAGE);
    },
  };
}
