// Runs the relay as its own process (`node --import tsx stream-relay/main.ts`), as it runs in production, so
// tests see its real HTTP and WebSocket endpoints, its own memory and its children.
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startListeningProcess } from '../../tests/support/listening-process';
import type { GbHealth } from '../gb/gb-service';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface RelayProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  readonly logs: string[];
  health(): Promise<RelayHealth>;
  /** SIGTERM and wait; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface RelayHealth {
  relayId: string;
  registered: boolean;
  rssBytes: number;
  pendingStatusReports: number;
  /** null: no SIP server configured. */
  gb: GbHealth | null;
  cameras: {
    id: string;
    status: string;
    fps: number;
    viewers: number;
    pipeline: string | null;
    ffmpegPid: number | null;
    transcoderPid: number | null;
    droppedToKeyframe: number;
    largestBacklogBytes: number;
    peakBacklogBytes: number;
    picture: { brightness: number; contrast: number; sharpness: number } | null;
  }[];
}

async function childPids(url: string): Promise<number[]> {
  try {
    const health = (await (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })).json()) as RelayHealth;
    return health.cameras.flatMap((camera) => [camera.ffmpegPid, camera.transcoderPid]).filter((pid): pid is number => pid !== null);
  } catch {
    return [];
  }
}

function killIfAlive(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone, as it should be.
  }
}

export async function startRelayProcess(env: Record<string, string>, timeoutMs = 20_000): Promise<RelayProcess> {
  const { child, port, logs, exit } = await startListeningProcess({
    script: MAIN,
    env: { RELAY_PORT: '0', LOG_LEVEL: 'info', ...env },
    listening: 'relay listening',
    what: 'the relay',
    timeoutMs,
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    child,
    logs,
    health: async () => (await (await fetch(`${url}/health`)).json()) as RelayHealth,
    stop: async () => {
      const running = child.exitCode === null && child.signalCode === null;
      // The relay's own children, so none outlives a relay that failed to end them.
      const children = running ? await childPids(url) : [];
      if (running) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
      const code = await exit;
      clearTimeout(timer);
      for (const pid of children) killIfAlive(pid);
      return code;
    },
  };
}
