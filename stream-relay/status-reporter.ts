// Camera status changes on their way to the server: queued per camera, latest wins (only the newest status
// of a camera matters), retried with backoff while the server is unreachable, never lost to a transient
// failure. Only a definite refusal of the report itself (400, 404: the camera is gone) drops it.
import type { Logger } from './logger';
import type { CameraStatusReport } from './protocol';
import { postToServer, ReportQueue, type SendOutcome } from './report-queue';

export interface StatusReporterOptions {
  serverUrl: string;
  relayToken: string;
  log: Logger;
  requestTimeoutMs?: number;
}

export class StatusReporter {
  private readonly queue = new ReportQueue<CameraStatusReport>({ send: ([first]) => this.send(first!) });

  constructor(private readonly options: StatusReporterOptions) {}

  get queued(): number {
    return this.queue.queued;
  }

  report(cameraId: string, report: CameraStatusReport): void {
    this.queue.put(cameraId, report);
  }

  /** The server answered something else (a heartbeat): retry what is waiting now rather than after the backoff. */
  serverReachable(): void {
    this.queue.serverReachable();
  }

  stop(): void {
    this.queue.stop();
  }

  private async send([cameraId, report]: [string, CameraStatusReport]): Promise<SendOutcome> {
    const { log } = this.options;
    const { outcome, httpStatus, error } = await postToServer(this.options, `/api/cameras/${cameraId}/status`, report);
    if (outcome === 'delivered') log.debug({ cameraId, status: report.status }, 'status reported');
    else if (outcome === 'refused') log.warn({ cameraId, status: report.status, httpStatus }, 'server refused the status report; dropped');
    else if (httpStatus === 401 || httpStatus === 403)
      log.error({ cameraId, httpStatus }, 'server refused RELAY_TOKEN for a status report; retrying');
    else if (httpStatus) log.warn({ cameraId, httpStatus }, 'status report failed; retrying');
    else log.warn({ cameraId, err: error }, 'server unreachable for a status report; retrying');
    return outcome;
  }
}
