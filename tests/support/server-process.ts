// Runs `server/main.ts` as its own process, as `npm start` does, for tests that kill and restart it.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitUntil } from './sockets';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  stdout(): string;
  stderr(): string;
  /** Sends a signal and waits for the process to exit; returns its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

export function runServerProcess(env: Record<string, string>, script = 'server/main.ts'): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    // No companions unless a test asks: most tests are about the server alone.
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', RELAY: 'off', ANALYTICS: 'off', SIMULATED_CAMERAS: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    url: `http://127.0.0.1:${env.PORT}`,
    stdout: () => out,
    stderr: () => err,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Starts the server process and waits until it answers its health check. */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<ServerProcess> {
  const server = runServerProcess(env);
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  await waitUntil(
    async () => {
      if (exitCode !== undefined) throw new Error(`server exited (${exitCode}): ${server.stderr()}`);
      try {
        return (await fetch(`${server.url}/api/health`)).ok;
      } catch {
        return false;
      }
    },
    timeoutMs,
    `server on ${server.url}`,
  );
  return server;
}
