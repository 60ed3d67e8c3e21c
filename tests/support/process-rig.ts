// Server processes (`npm start` as a user runs it) for the enclosing describe, on one store and one port: a
// test starts, stops and restarts them; after all, the last is killed and the store dropped.
import { afterAll, beforeAll } from 'vitest';
import { freePort, startServerProcess, type ServerProcess } from './server-process';
import { createStore, type Store } from './store';

export interface ServerProcessRig {
  /** The environment every process of this describe runs with: its store, its port, the demo password. */
  readonly env: Record<string, string>;
  /** The process started last (it may have been stopped since). */
  readonly server: ServerProcess;
  /**
   * Stops the current process, if any, with `signal`, and starts a new one on the same store and port, with
   * `env` added to its environment (e.g. a pause point to stop at).
   */
  restart(signal?: NodeJS.Signals, timeoutMs?: number, env?: Record<string, string>): Promise<ServerProcess>;
}

export function useServerProcesses(demoPassword: string, options: { postgres?: string } = {}): ServerProcessRig {
  let store: Store | undefined;
  let env: Record<string, string> | undefined;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    store = await createStore(options);
    env = { ...store.env, PORT: String(await freePort()), DEMO_PASSWORD: demoPassword };
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await store?.dispose();
  });
  return {
    get env() {
      if (!env) throw new Error('The store is made in beforeAll');
      return env;
    },
    get server() {
      if (!server) throw new Error('No server process started yet: call restart()');
      return server;
    },
    async restart(signal = 'SIGTERM', timeoutMs, extra = {}) {
      await server?.stop(signal);
      server = await startServerProcess({ ...this.env, ...extra }, timeoutMs);
      return server;
    },
  };
}
