// Runs the relay as its own process (`node --import tsx stream-relay/main.ts`), as it runs in production, so
// tests see its real HTTP and WebSocket endpoints, its own memory and its children.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, RELAY_PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let buffered = '';
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start:\n${logs.join('\n')}`)), timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      buffered += text;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        if (line.includes('"msg":"relay listening"')) {
          clearTimeout(timer);
          resolve((JSON.parse(line) as { port: number }).port);
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => logs.push(text));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited (${code}) before listening:\n${logs.join('\n')}`));
    });
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
