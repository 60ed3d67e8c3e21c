// Camera status changes on their way to the server: queued per camera, latest wins (only the newest status
// of a camera matters), retried with backoff while the server is unreachable, never lost to a transient
// failure. Only a definite refusal of the report itself (400, 404: the camera is gone) drops it.
import { Backoff } from './backoff';
import type { Logger } from './logger';
import type { CameraStatusReport } from './protocol';

export interface StatusReporterOptions {
  serverUrl: string;
  relayToken: string;
  log: Logger;
  requestTimeoutMs?: number;
}

type Outcome = 'delivered' | 'refused' | 'retry';

export class StatusReporter {
  private readonly pending = new Map<string, CameraStatusReport>();
  private readonly backoff = new Backoff(1_000, 10_000);
  private sending = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: StatusReporterOptions) {}

  get queued(): number {
    return this.pending.size;
  }

  report(cameraId: string, report: CameraStatusReport): void {
    this.pending.set(cameraId, report);
    void this.drain();
  }

  /** The server answered something else (a heartbeat): retry what is waiting now rather than after the backoff. */
  serverReachable(): void {
    if (!this.retryTimer) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.backoff.reset();
    void this.drain();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private async drain(): Promise<void> {
    if (this.sending || this.retryTimer || this.stopped) return;
    this.sending = true;
    try {
      for (const [cameraId, report] of this.pending) {
        if (this.stopped) return;
        const outcome = await this.send(cameraId, report);
        if (outcome === 'retry') {
          const delay = this.backoff.next();
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            void this.drain();
          }, delay);
          return;
        }
        this.backoff.reset();
        // A newer report queued while this one was on its way stays queued.
        if (this.pending.get(cameraId) === report) this.pending.delete(cameraId);
      }
    } finally {
      this.sending = false;
    }
    // Reports that arrived during the last send.
    if (this.pending.size > 0 && !this.retryTimer) void this.drain();
  }

  private async send(cameraId: string, report: CameraStatusReport): Promise<Outcome> {
    const { serverUrl, relayToken, log } = this.options;
    try {
      const response = await fetch(`${serverUrl}/api/cameras/${cameraId}/status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${relayToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(report),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 5_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) {
        log.debug({ cameraId, status: report.status }, 'status reported');
        return 'delivered';
      }
      if (response.status === 400 || response.status === 404 || response.status === 422) {
        log.warn({ cameraId, status: report.status, httpStatus: response.status }, 'server refused the status report; dropped');
        return 'refused';
      }
      if (response.status === 401 || response.status === 403)
        log.error({ cameraId, httpStatus: response.status }, 'server refused RELAY_TOKEN for a status report; retrying');
      else log.warn({ cameraId, httpStatus: response.status }, 'status report failed; retrying');
      return 'retry';
    } catch (error) {
      log.warn({ cameraId, err: (error as Error).message }, 'server unreachable for a status report; retrying');
      return 'retry';
    }
  }
}
