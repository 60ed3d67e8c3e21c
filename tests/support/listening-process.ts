// Starts one of the system's own processes (`node --import tsx <script>`), as it runs in production, and waits
// for its JSON log line saying it listens; collects its log lines for failure messages.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ListeningProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly logs: string[];
  /** Resolves with the exit code once the process has ended. */
  readonly exit: Promise<number | null>;
}

export async function startListeningProcess(options: {
  script: string;
  env: Record<string, string>;
  /** The `msg` of the log line that carries `port`. */
  listening: string;
  what: string;
  timeoutMs: number;
}): Promise<ListeningProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', options.script], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let buffered = '';
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    // A process that never says it listens is ended, not left running behind a failed test.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.what} did not start:\n${logs.join('\n')}`));
    }, options.timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      buffered += text;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        if (line.includes(`"msg":"${options.listening}"`)) {
          clearTimeout(timer);
          resolve((JSON.parse(line) as { port: number }).port);
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => logs.push(text));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.what} exited (${code}) before listening:\n${logs.join('\n')}`));
    });
  });
  return { child, port, logs, exit };
}
