// The worker's calls to the server's API, with its service token: heartbeat, assignment or sampling visits, camera snapshots,
// image uploads, alerts and the raw frames kept for the data set. Errors carry the HTTP status so callers can
// tell a retryable failure (network, 5xx, 429) from a refusal.
import type { FiringBox } from '../rules/engine';
import {
  Assignments,
  Visits,
  VisitsDoneAnswer,
  WorkerHeartbeatAnswer,
  type VisitClaim,
  type VisitsDone,
  type FrameReport,
  type WorkerHeartbeat,
  type Assignments as AssignmentsShape,
  type WorkerHeartbeatAnswer as HeartbeatAnswerShape,
} from './protocol';

export class ApiError extends Error {
  constructor(
    message: string,
    /** 0: no answer (network, timeout). */
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export interface Snapshot {
  readonly jpeg: Uint8Array;
  /** When the relay captured it (ms). */
  readonly capturedAt: number;
}

export interface AlertPost {
  category: string;
  cameraId: string;
  confidence: number;
  detectedAt: string;
  snapshotId: string;
  boxes: FiringBox[];
  summary: string;
  details: Record<string, string | number | boolean | null>;
  idempotencyKey: string;
}

export class ServerClient {
  constructor(
    private readonly serverUrl: string,
    private readonly token: string,
    private readonly timeoutMs = 10_000,
  ) {}

  private async call(method: string, path: string, init: { json?: unknown; body?: FormData } = {}): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    let body: string | FormData | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.body) body = init.body;
    let response: Response;
    try {
      response = await fetch(this.serverUrl + path, { method, headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new ApiError(`${method} ${path}: no answer (${(error as Error).message})`, 0);
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new ApiError(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`, response.status);
    }
    return response;
  }

  async heartbeat(body: WorkerHeartbeat): Promise<HeartbeatAnswerShape> {
    const response = await this.call('POST', '/api/analytics/workers/heartbeat', { json: body });
    return WorkerHeartbeatAnswer.parse(await response.json());
  }

  async assignments(workerId: string): Promise<AssignmentsShape> {
    const response = await this.call('GET', `/api/analytics/assignments?worker=${encodeURIComponent(workerId)}`);
    return Assignments.parse(await response.json());
  }

  /** Queue mode: cameras due for a visit, at most `max`. */
  async claimVisits(body: VisitClaim): Promise<Visits> {
    const response = await this.call('POST', '/api/analytics/sampling/claim', { json: body });
    return Visits.parse(await response.json());
  }

  /** Queue mode: visits over; the cameras are due again after their intervals. */
  async endVisits(body: VisitsDone): Promise<number> {
    const response = await this.call('POST', '/api/analytics/sampling/done', { json: body });
    return VisitsDoneAnswer.parse(await response.json()).ended;
  }

  async snapshot(cameraId: string): Promise<Snapshot> {
    const response = await this.call('GET', `/api/cameras/${cameraId}/snapshot`);
    const captured = Date.parse(response.headers.get('x-captured-at') ?? '');
    return { jpeg: new Uint8Array(await response.arrayBuffer()), capturedAt: Number.isFinite(captured) ? captured : Date.now() };
  }

  /** Uploads a JPEG as a snapshot attachment of the jurisdiction node `nodeCode` (the camera's school). */
  async uploadSnapshot(jpeg: Uint8Array, nodeCode: string, name: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([Uint8Array.from(jpeg)], { type: 'image/jpeg' }), name);
    const response = await this.call('POST', `/api/attachments?purpose=snapshot&node=${encodeURIComponent(nodeCode)}`, { body: form });
    return ((await response.json()) as { id: string }).id;
  }

  async postAlert(alert: AlertPost): Promise<{ alertId: string; outcome: string; count: number }> {
    const response = await this.call('POST', '/api/alerts', { json: { source: 'ai', ...alert } });
    const answer = (await response.json()) as { alert: { id: string; count: number }; outcome: string };
    return { alertId: answer.alert.id, outcome: answer.outcome, count: answer.alert.count };
  }

  async reportFrame(report: FrameReport): Promise<void> {
    await this.call('POST', '/api/analytics/frames', { json: report });
  }
}
