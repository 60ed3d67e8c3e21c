// A stand-in for the server's two relay endpoints, for the relay's own tests: heartbeat (hands out the
// signing key and the cameras) and camera status (records every report). Requests are checked against the
// protocol's schemas, so a relay that breaks the contract fails here.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CameraStatusReport,
  GbAlarmsReport,
  GbDevicesReport,
  HeartbeatRequest,
  type GbAlarmReport,
  type GbDeviceReport,
  type GbPlatformConfig,
  signRelayToken,
  type AssignedCamera,
  type RelayGrant,
  type RelayTokenClaims,
} from '../protocol';

export interface ReceivedStatus {
  cameraId: string;
  report: CameraStatusReport;
  receivedAt: number;
}

export interface FakeControlServer {
  readonly url: string;
  readonly signingKey: string;
  /** The bearer token the server accepts (settable: a token "created" after the relay started). */
  relayToken: string;
  /** The assignment the next heartbeat answers with. */
  cameras: AssignedCamera[];
  readonly statuses: ReceivedStatus[];
  readonly heartbeats: HeartbeatRequest[];
  /** What the heartbeat answers a relay that announced a SIP server. */
  gb: GbPlatformConfig | undefined;
  /** Every GB device report received, in order (POST /api/relays/gb/devices), and every alarm. */
  readonly gbDevices: GbDeviceReport[];
  readonly gbAlarms: GbAlarmReport[];
  /** While true, every request is answered 503 (the server is "down"). */
  unavailable: boolean;
  token(cameraId: string, grant: RelayGrant, extra?: Partial<RelayTokenClaims>): string;
  /** Resolves with the first status report received after `since` (epoch ms) of that camera with that status. */
  waitForStatus(
    cameraId: string,
    status: CameraStatusReport['status'],
    options?: { since?: number; timeoutMs?: number },
  ): Promise<ReceivedStatus>;
  latestStatus(cameraId: string): CameraStatusReport['status'] | undefined;
  /** Resolves with the first heartbeat received (from now or before) that satisfies `test`. */
  waitForHeartbeat(test: (heartbeat: HeartbeatRequest) => boolean, timeoutMs?: number): Promise<HeartbeatRequest>;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakeControlServer(options: { heartbeatSeconds?: number } = {}): Promise<FakeControlServer> {
  const signingKey = randomBytes(32).toString('base64url');
  const waiters = new Set<() => void>();
  const state = {
    relayToken: `relay-test-${randomBytes(8).toString('hex')}`,
    cameras: [] as AssignedCamera[],
    statuses: [] as ReceivedStatus[],
    heartbeats: [] as HeartbeatRequest[],
    gb: undefined as GbPlatformConfig | undefined,
    gbDevices: [] as GbDeviceReport[],
    gbAlarms: [] as GbAlarmReport[],
    unavailable: false,
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (state.unavailable) return send(res, 503, { error: { code: 'unavailable', message: 'down for the test' } });
      if (req.headers.authorization !== `Bearer ${state.relayToken}`)
        return send(res, 401, { error: { code: 'unauthorized', message: 'bad token' } });
      const statusPath = /^\/api\/cameras\/([^/]+)\/status$/.exec(req.url ?? '');
      if (req.method === 'POST' && req.url === '/api/relays/heartbeat') {
        const body = HeartbeatRequest.safeParse(await readJson(req));
        if (!body.success) return send(res, 400, { error: { code: 'bad_request', message: body.error.message } });
        state.heartbeats.push(body.data);
        for (const wake of waiters) wake();
        return send(res, 200, {
          relayId: body.data.relayId,
          signingKey,
          heartbeatSeconds: options.heartbeatSeconds ?? 1,
          cameras: state.cameras,
          ...(body.data.sip && state.gb ? { gb: state.gb } : {}),
        });
      }
      if (req.method === 'POST' && req.url === '/api/relays/gb/devices') {
        const body = GbDevicesReport.safeParse(await readJson(req));
        if (!body.success) return send(res, 400, { error: { code: 'bad_request', message: body.error.message } });
        state.gbDevices.push(...body.data.devices);
        return send(res, 200, { ok: true });
      }
      if (req.method === 'POST' && req.url === '/api/relays/gb/alarms') {
        const body = GbAlarmsReport.safeParse(await readJson(req));
        if (!body.success) return send(res, 400, { error: { code: 'bad_request', message: body.error.message } });
        state.gbAlarms.push(...body.data.alarms);
        return send(res, 200, { ok: true });
      }
      if (req.method === 'POST' && statusPath?.[1]) {
        const body = CameraStatusReport.safeParse(await readJson(req));
        if (!body.success) return send(res, 400, { error: { code: 'bad_request', message: body.error.message } });
        state.statuses.push({ cameraId: statusPath[1], report: body.data, receivedAt: Date.now() });
        for (const wake of waiters) wake();
        return send(res, 200, { ok: true });
      }
      send(res, 404, { error: { code: 'not_found', message: 'no such endpoint' } });
    })().catch(() => send(res, 500, { error: { code: 'internal', message: 'fake server failed' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const find = (cameraId: string, status: string, since: number) =>
    state.statuses.find((entry) => entry.cameraId === cameraId && entry.report.status === status && entry.receivedAt > since);

  /** Resolves with what `found` finds once it finds something (checked on every request), or fails at the deadline. */
  const waitFor = <T>(found: () => T | undefined, timeoutMs: number, failure: () => string) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = found();
        if (value === undefined) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(failure()));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    url,
    signingKey,
    get relayToken() {
      return state.relayToken;
    },
    set relayToken(token: string) {
      state.relayToken = token;
    },
    get cameras() {
      return state.cameras;
    },
    set cameras(cameras: AssignedCamera[]) {
      state.cameras = cameras;
    },
    get unavailable() {
      return state.unavailable;
    },
    set unavailable(value: boolean) {
      state.unavailable = value;
    },
    statuses: state.statuses,
    heartbeats: state.heartbeats,
    get gb() {
      return state.gb;
    },
    set gb(value: GbPlatformConfig | undefined) {
      state.gb = value;
    },
    gbDevices: state.gbDevices,
    gbAlarms: state.gbAlarms,
    token: (cameraId, grant, extra = {}) =>
      signRelayToken(signingKey, { cam: cameraId, grant, exp: Math.floor(Date.now() / 1000) + 120, sub: 'test', ...extra }),
    waitForStatus: (cameraId, status, { since = 0, timeoutMs = 20_000 } = {}) =>
      waitFor(
        () => find(cameraId, status, since),
        timeoutMs,
        () => {
          const seen = state.statuses.filter((entry) => entry.cameraId === cameraId).map((entry) => entry.report.status);
          return `camera ${cameraId}: no "${status}" report within ${timeoutMs} ms (got: ${seen.join(', ') || 'none'})`;
        },
      ),
    waitForHeartbeat: (test, timeoutMs = 20_000) =>
      waitFor(
        () => state.heartbeats.find(test),
        timeoutMs,
        () => `no heartbeat as expected within ${timeoutMs} ms (last: ${JSON.stringify(state.heartbeats.at(-1))})`,
      ),
    latestStatus: (cameraId) => state.statuses.filter((entry) => entry.cameraId === cameraId).at(-1)?.report.status,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
