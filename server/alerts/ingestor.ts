// Group commit for alerts: posts that arrive while a transaction is running wait for it and then go in
// together, in one transaction. One post alone is written at once; a burst of hundreds costs a few
// statements. Each post still gets its own answer (or its own error).
import type { DomainContext } from '../context';
import { runInTransaction } from '../db/unit-of-work';
import { systemActor } from '../policy/actor';
import { pausePoint } from '../testing/pause-points';
import { raiseAlerts, type AlertOutcome, type AlertRequest } from './commands/raiseAlerts';
import { TargetCache } from './target-cache';

const MAX_BATCH = 250;
/**
 * Under load (the previous batch ended moments ago), wait this long before taking the next batch so that
 * the posts arriving meanwhile join it. With PGlite the database runs on this thread: while a batch runs no
 * request is read, and without this wait batches stay tiny and their fixed cost caps the rate. An alert
 * that arrives when all is quiet is written at once.
 */
const LINGER_MS = 5;
const UNDER_LOAD_MS = 50;
/** Two batches from two processes may still meet on a lock; PostgreSQL then aborts one, which runs again. */
const RETRYABLE = new Set(['40P01', '40001', 'key_race']);

interface Waiting {
  request: AlertRequest;
  resolve(value: AlertOutcome): void;
  reject(error: unknown): void;
}

export class AlertIngestor {
  private readonly queue: Waiting[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private lastBatchEnded = 0;
  /**
   * Batches written at once: one on PGlite (it has one connection), a few on PostgreSQL so that one batch's
   * round trips overlap another's work. Fold keys are locked and keys claimed in the database, so
   * concurrent batches cannot fold or replay wrongly.
   */
  private readonly concurrency: number;
  /** Targets of recent alerts; emptied when cameras or schools change (see `onEvents`). */
  readonly targets = new TargetCache();

  constructor(private readonly ctx: DomainContext) {
    this.concurrency = ctx.dbKind === 'postgres' ? 3 : 1;
  }

  submit(request: AlertRequest): Promise<AlertOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.kick();
    });
  }

  /** Resolves when every post received so far has been answered. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  /** Starts a batch if there is room; every post and every finished batch calls this again. */
  private kick(): void {
    if (this.inFlight.size >= this.concurrency || this.queue.length === 0) return;
    const running: Promise<void> = this.runBatch().finally(() => {
      this.inFlight.delete(running);
      // Posts may have come in after the last batch was taken: take them now.
      this.kick();
    });
    this.inFlight.add(running);
  }

  private async runBatch(): Promise<void> {
    if (this.queue.length < MAX_BATCH && Date.now() - this.lastBatchEnded < UNDER_LOAD_MS) {
      await new Promise((resolve) => setTimeout(resolve, LINGER_MS));
    }
    const batch = this.queue.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const results = await runInTransaction(this.ctx, { actor: systemActor('alert-ingest') }, async (uow) => {
          const written = await raiseAlerts(
            uow,
            this.ctx,
            batch.map((waiting) => waiting.request),
            this.targets,
          );
          await pausePoint('alert-ingest');
          return written;
        });
        results.forEach((result, i) => (result.ok ? batch[i]!.resolve(result.value) : batch[i]!.reject(result.error)));
        this.lastBatchEnded = Date.now();
        return;
      } catch (error) {
        if (attempt < 2 && RETRYABLE.has((error as { code?: string }).code ?? '')) continue;
        for (const waiting of batch) waiting.reject(error);
        return;
      }
    }
  }
}
