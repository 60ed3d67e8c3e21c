// Runs `stream-relay/main.ts` as its own process, as `npm start` or a relay host does.
import { runServerProcess, type ServerProcess } from './server-process';
import { waitUntil } from './sockets';

export interface RelayProcess extends ServerProcess {
  readonly port: number;
}

export async function startRelayProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<RelayProcess> {
  const relay = runServerProcess({ LOG_LEVEL: 'info', RELAY_HOST: '127.0.0.1', RELAY_PORT: '0', ...env }, 'stream-relay/main.ts');
  let exitCode: number | null | undefined;
  void relay.exited.then((code) => (exitCode = code));
  let port = 0;
  await waitUntil(
    () => {
      if (exitCode !== undefined) throw new Error(`relay exited (${exitCode}): ${relay.stderr()}${relay.stdout()}`);
      const line = relay
        .stdout()
        .split('\n')
        .find((candidate) => candidate.includes('"relay listening"'));
      if (line) port = (JSON.parse(line) as { port: number }).port;
      return port > 0;
    },
    timeoutMs,
    'relay listening',
  );
  return Object.assign(relay, { port, url: `http://127.0.0.1:${port}` });
}
