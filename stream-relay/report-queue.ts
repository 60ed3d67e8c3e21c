// Reports on their way to the server: queued per key, latest wins (only the newest of a key matters, or a
// merge of what is waiting with what came), sent in batches, retried with capped backoff while the server
// is unreachable, never lost to a transient failure. Only a definite refusal of a batch drops it.
import { Backoff } from './backoff';

/** What became of one send: `refused` drops the batch (the server will never take it), `retry` keeps it. */
export type SendOutcome = 'delivered' | 'refused' | 'retry';

export interface ReportQueueOptions<T> {
  send: (batch: [key: string, report: T][]) => Promise<SendOutcome>;
  /** Most reports per send. */
  batchSize?: number;
  /** Wait this long after the first queued report before sending, so reports of a burst go together. */
  gatherMs?: number;
  /** A report queued over one still waiting: by default the newer replaces it. */
  merge?: (waiting: T, next: T) => T;
  backoff?: Backoff;
}

export class ReportQueue<T> {
  private readonly pending = new Map<string, T>();
  private readonly backoff: Backoff;
  private sending = false;
  private timer: NodeJS.Timeout | null = null;
  private retrying = false;
  private stopped = false;

  constructor(private readonly options: ReportQueueOptions<T>) {
    this.backoff = options.backoff ?? new Backoff(1_000, 10_000);
  }

  get queued(): number {
    return this.pending.size;
  }

  put(key: string, report: T): void {
    const waiting = this.pending.get(key);
    this.pending.set(key, waiting !== undefined && this.options.merge ? this.options.merge(waiting, report) : report);
    if (this.timer || this.sending || this.stopped) return;
    const gatherMs = this.options.gatherMs ?? 0;
    if (gatherMs > 0) this.schedule(gatherMs, false);
    else void this.drain();
  }

  /** The server answered something else (a heartbeat): retry what is waiting now rather than after the backoff. */
  serverReachable(): void {
    if (!this.retrying || !this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.retrying = false;
    this.backoff.reset();
    void this.drain();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(delayMs: number, retrying: boolean): void {
    this.retrying = retrying;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.retrying = false;
      void this.drain();
    }, delayMs);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    if (this.sending || this.timer || this.stopped) return;
    this.sending = true;
    try {
      while (this.pending.size > 0 && !this.stopped) {
        const batch = [...this.pending].slice(0, this.options.batchSize ?? 1);
        const outcome = await this.options.send(batch);
        if (outcome === 'retry') {
          this.schedule(this.backoff.next(), true);
          return;
        }
        this.backoff.reset();
        // A newer report queued while this one was on its way stays queued.
        for (const [key, report] of batch) if (this.pending.get(key) === report) this.pending.delete(key);
      }
    } finally {
      this.sending = false;
    }
  }
}

/** POSTs JSON to the server with the relay's token and sorts the answer into a SendOutcome. */
export async function postToServer(
  options: { serverUrl: string; relayToken: string; requestTimeoutMs?: number },
  path: string,
  body: unknown,
): Promise<{ outcome: SendOutcome; httpStatus?: number; error?: string }> {
  try {
    const response = await fetch(`${options.serverUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.relayToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.requestTimeoutMs ?? 5_000),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return { outcome: 'delivered', httpStatus: response.status };
    const refused = response.status === 400 || response.status === 404 || response.status === 422;
    return { outcome: refused ? 'refused' : 'retry', httpStatus: response.status };
  } catch (error) {
    return { outcome: 'retry', error: (error as Error).message };
  }
}
