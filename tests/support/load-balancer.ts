// A real HAProxy in front of server processes, with the repository's configuration (deploy/haproxy.cfg) and
// one `server` line per process, as deploy/cluster.sh runs it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, ROOT } from './server-process';
import { waitUntil } from './sockets';

export const INSTALL_HAPROXY = 'apt-get install -y haproxy';
/** The cookie by which HAProxy pins a client to a process (deploy/haproxy.cfg). */
export const PIN_COOKIE = 'cc_node';

export interface LoadBalancer {
  readonly url: string;
  /** The names of the processes behind it, in the order given: s1, s2, … */
  readonly names: string[];
  /** The Cookie header that sends a request to the named process while it is up. */
  pinTo(name: string): string;
  stop(): Promise<void>;
}

export function requireHaproxy(): void {
  const probe = spawnSync('haproxy', ['-v'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`This test needs HAProxy (${probe.error?.message ?? probe.stderr}). Install it: ${INSTALL_HAPROXY}`);
  }
}

/** The repository's configuration with one `server` line per backend URL (same lines as deploy/cluster.sh). */
export function haproxyConfig(backends: string[]): string {
  const base = fs.readFileSync(path.join(ROOT, 'deploy/haproxy.cfg'), 'utf8');
  const servers = backends.map((url, i) => `    server s${i + 1} ${new URL(url).host} cookie s${i + 1}`);
  return `${base.trimEnd()}\n${servers.join('\n')}\n`;
}

/** Starts HAProxy on a free port and waits until it passes a health check through to a live process. */
export async function startLoadBalancer(backends: string[]): Promise<LoadBalancer> {
  requireHaproxy();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-haproxy-'));
  const file = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(file, haproxyConfig(backends));
  const port = await freePort();
  // -db: stay in the foreground, so the process is ours to stop.
  const child: ChildProcess = spawn('haproxy', ['-db', '-f', file], {
    env: { ...process.env, CC_LB_BIND: `127.0.0.1:${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(
    async () => {
      if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode}):\n${output}`);
      try {
        return (await fetch(`${url}/api/health`)).ok;
      } catch {
        return false;
      }
    },
    20_000,
    `haproxy on ${url}`,
  );
  return {
    url,
    names: backends.map((_, i) => `s${i + 1}`),
    pinTo: (name) => `${PIN_COOKIE}=${name}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
