// The relay's registration with the server: every heartbeatSeconds (counted from the last answer; every
// FIRST_INTERVAL_MS until the first one) it says which cameras it runs and how they are, and what its
// recordings take and whether it records (the city administrator's storage view), and receives the
// signing key and the cameras it should run. A 401 is logged loudly and retried: the relay's token may be
// created after the relay was started.
import type { Logger } from './logger';
import { HeartbeatResponse, type CameraReport, type HeartbeatRequest, type StorageReport } from './protocol';

const FIRST_INTERVAL_MS = 5_000;

export interface HeartbeatOptions {
  serverUrl: string;
  relayToken: string;
  relayId: string;
  publicUrl: string;
  reports: () => CameraReport[];
  /** What the recordings take; null until first measured. */
  storage: () => StorageReport | null;
  /** The relay's SIP server, announced so the server answers with `gb`; undefined: none. */
  sip?: () => HeartbeatRequest['sip'];
  /** The cursor of the last assignment applied: the server then answers with what changed since. */
  assignmentCursor?: () => string | undefined;
  onResponse: (response: HeartbeatResponse) => Promise<void>;
  log: Logger;
  requestTimeoutMs?: number;
}

export class HeartbeatLoop {
  private timer: NodeJS.Timeout | null = null;
  private intervalMs = FIRST_INTERVAL_MS;
  private stopped = false;
  private failures = 0;
  private registered = false;

  constructor(private readonly options: HeartbeatOptions) {}

  start(): void {
    void this.beat();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async beat(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    const response = await this.exchange();
    if (response) {
      this.intervalMs = response.heartbeatSeconds * 1000;
      try {
        await this.options.onResponse(response);
      } catch (error) {
        this.options.log.error({ err: error }, 'applying the heartbeat answer failed');
      }
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.beat(), this.intervalMs);
  }

  private async exchange(): Promise<HeartbeatResponse | null> {
    const { serverUrl, relayToken, relayId, publicUrl, log } = this.options;
    const storage = this.options.storage();
    const sip = this.options.sip?.();
    const assignmentCursor = this.options.assignmentCursor?.();
    const body: HeartbeatRequest = {
      relayId,
      url: publicUrl,
      cameras: this.options.reports(),
      ...(storage ? { storage } : {}),
      ...(sip ? { sip } : {}),
      ...(assignmentCursor ? { assignmentCursor } : {}),
    };
    const url = `${serverUrl}/api/relays/heartbeat`;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${relayToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000),
      });
      const text = await response.text();
      if (response.status === 401 || response.status === 403) {
        this.failed(`the server refused RELAY_TOKEN (${response.status}): create a relay service token on the server and set RELAY_TOKEN`);
        return null;
      }
      if (!response.ok) {
        this.failed(`heartbeat answered ${response.status}: ${text.slice(0, 200)}`);
        return null;
      }
      const parsed = HeartbeatResponse.safeParse(JSON.parse(text));
      if (!parsed.success) {
        this.failed(`heartbeat answer not understood: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        return null;
      }
      if (this.failures > 0 || !this.registered) {
        log.info(
          { serverUrl, cameras: parsed.data.cameras.length, heartbeatSeconds: parsed.data.heartbeatSeconds },
          'registered with the server',
        );
      }
      this.failures = 0;
      this.registered = true;
      return parsed.data;
    } catch (error) {
      this.failed(`server unreachable at ${url}: ${(error as Error).message}`);
      return null;
    }
  }

  private failed(message: string): void {
    this.failures += 1;
    // Loud at first, then every tenth time, so a long outage does not flood the log.
    if (this.failures === 1 || this.failures % 10 === 0) this.options.log.error({ failures: this.failures }, message);
  }
}
