// Runs the detection worker as its own process (`node --import tsx analytics/worker/main.ts`), as it runs in
// production, for tests and benchmarks: waits until it listens, reads its /health, stops it with SIGTERM.
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startListeningProcess } from '../../../tests/support/listening-process';
import type { WorkerHealth } from '../worker';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface WorkerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly logs: string[];
  health(): Promise<WorkerHealth>;
  /** SIGTERM and wait (SIGKILL after 10 s); resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startWorkerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<WorkerProcess> {
  const { child, port, logs, exit } = await startListeningProcess({
    script: MAIN,
    env: { ANALYTICS_PORT: '0', LOG_LEVEL: 'info', ...env },
    listening: 'analytics worker listening',
    what: 'the worker',
    timeoutMs,
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    child,
    logs,
    health: async () => (await (await fetch(`${url}/health`)).json()) as WorkerHealth,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
}
