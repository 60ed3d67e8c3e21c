// A real server for integration tests: a fresh database with a small Chengde data set (every county, a few
// schools each), listening on a free port, with a clock the test can move forward.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { generateChengde } from '../../fixtures/chengde';
import type { Dataset } from '../../fixtures/region/types';
import { startServer, type RunningServer } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import { migrateLatest } from '../../server/db/migrate';
import { seedDemo } from '../../server/demo/seedDemo';
import { createLogger, type Logger } from '../../server/logger';
import { createTestDatabase } from './test-database';

export const TEST_PASSWORD = 'test-Password-1';

export class TestClock {
  private offsetMs = 0;
  private frozenAt: number | undefined;
  readonly now = () => new Date(this.frozenAt ?? Date.now() + this.offsetMs);
  advance(ms: number): void {
    if (this.frozenAt === undefined) this.offsetMs += ms;
    else this.frozenAt += ms;
  }
  /** Stops the clock where it is, so that only advance() moves it: for durations asserted to the second. */
  freeze(): void {
    this.frozenAt ??= this.now().getTime();
  }
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface TestServer {
  readonly server: RunningServer;
  readonly url: string;
  readonly db: Knex;
  readonly dataset: Dataset;
  readonly clock: TestClock;
  login(username: string, password?: string): Promise<string>;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export interface RequestOptions {
  token?: string | undefined;
  body?: unknown;
  rawBody?: string | Buffer<ArrayBuffer>;
  headers?: Record<string, string>;
}

export const testConfig = (overrides: Record<string, string> = {}): Config =>
  loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: 'never',
    LOG_LEVEL: 'silent',
    SCHEDULER: 'off',
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'cc-test-')),
    ...overrides,
  });

// A pooled keep-alive connection to a server that was just stopped (the restart tests) can be reset as the
// request goes out: the server never saw it, so it is sent once more on a new connection.
const CONNECTION_LOST = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

async function fetchOnFreshConnection(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (!code || !CONNECTION_LOST.has(code)) throw error;
    return fetch(url, init);
  }
}

export async function request<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer<ArrayBuffer> | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetchOnFreshConnection(baseUrl + path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers, text };
}

export async function loginAt(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<string> {
  const response = await request<{ token: string }>(baseUrl, 'POST', '/api/auth/login', { body: { username, password } });
  if (response.status !== 200) throw new Error(`login ${username} failed: ${response.status} ${response.text}`);
  return response.body.token;
}

export async function startTestServer(
  options: { canteens?: number; env?: Record<string, string>; dataset?: Dataset; log?: Logger } = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  await migrateLatest(database.knex);
  const dataset = options.dataset ?? generateChengde({ canteens: options.canteens ?? 40 });
  await seedDemo(database.knex, dataset, TEST_PASSWORD);
  const clock = new TestClock();
  const config: Config = testConfig(options.env);
  const server = await startServer({ config, database, now: clock.now, log: options.log ?? createLogger('silent') });
  return {
    server,
    url: server.url,
    db: database.knex,
    dataset,
    clock,
    login: (username, password) => loginAt(server.url, username, password),
    request: (method, path, requestOptions) => request(server.url, method, path, requestOptions),
    close: async () => {
      await server.close();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}
