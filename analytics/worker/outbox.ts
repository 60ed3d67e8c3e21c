// Posting violations to the server, off the detector's path: for each firing, the raw frame and the annotated
// copy are uploaded as snapshots of the camera's school, the alert is posted with the annotated one (its
// idempotency key makes a retry harmless; repeats fold on the server), and the raw frame is reported beside
// the alert for the training data set. A few posts run at once; the backlog is bounded (the oldest firing is
// dropped, and counted, when the server cannot keep up); failures that may pass are retried with backoff.
import type { Logger } from 'pino';
import { DETECTOR_CATEGORIES } from '../rules/catalogue';
import type { Firing } from '../rules/engine';
import { annotateFrame } from './annotate';
import { ApiError, type ServerClient } from './server-client';

export interface OutboxItem {
  readonly firing: Firing;
  readonly jpeg: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly schoolCode: string;
  readonly model: string;
}

export interface OutboxOptions {
  readonly client: ServerClient;
  readonly log: Logger;
  readonly concurrency?: number;
  readonly capacity?: number;
  /** Delays before the second, third… attempt. */
  readonly retryDelaysMs?: readonly number[];
  readonly onPosted?: (item: OutboxItem, result: { alertId: string; outcome: string; count: number }) => void;
  readonly onFailed?: (item: OutboxItem, error: unknown) => void;
  readonly onDropped?: (item: OutboxItem) => void;
}

export class AlertOutbox {
  private readonly waiting: OutboxItem[] = [];
  private running = 0;
  private readonly idleWaiters: Array<() => void> = [];
  private stopped = false;

  constructor(private readonly options: OutboxOptions) {}

  get pending(): number {
    return this.waiting.length + this.running;
  }

  push(item: OutboxItem): void {
    if (this.stopped) return;
    this.waiting.push(item);
    while (this.waiting.length > (this.options.capacity ?? 100)) {
      const dropped = this.waiting.shift()!;
      this.options.log.warn(
        { camera: dropped.firing.cameraId, category: dropped.firing.category },
        'alert backlog full; oldest firing dropped',
      );
      this.options.onDropped?.(dropped);
    }
    this.pump();
  }

  /** Stops taking firings; resolves when the posts under way have finished (or after `limitMs`). */
  async drain(limitMs: number): Promise<void> {
    this.stopped = true;
    this.waiting.length = 0;
    if (this.running === 0) return;
    await Promise.race([
      new Promise<void>((resolve) => this.idleWaiters.push(resolve)),
      new Promise((resolve) => setTimeout(resolve, limitMs)),
    ]);
  }

  private pump(): void {
    while (this.running < (this.options.concurrency ?? 2) && this.waiting.length > 0) {
      const item = this.waiting.shift()!;
      this.running += 1;
      void this.deliver(item).finally(() => {
        this.running -= 1;
        if (this.running === 0 && this.waiting.length === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        this.pump();
      });
    }
  }

  private async deliver(item: OutboxItem): Promise<void> {
    const delays = this.options.retryDelaysMs ?? [1_000, 4_000];
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await this.post(item);
        this.options.onPosted?.(item, result);
        return;
      } catch (error) {
        const retryable = !(error instanceof ApiError) || error.retryable;
        if (!retryable || attempt >= delays.length || this.stopped) {
          this.options.log.error(
            { err: error, camera: item.firing.cameraId, category: item.firing.category, key: item.firing.idempotencyKey },
            'posting a violation failed',
          );
          this.options.onFailed?.(item, error);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
      }
    }
  }

  private async post(item: OutboxItem): Promise<{ alertId: string; outcome: string; count: number }> {
    const { client } = this.options;
    const { firing } = item;
    const stamp = `${firing.category}-${firing.at}`;
    const frameId = await client.uploadSnapshot(item.jpeg, item.schoolCode, `frame-${stamp}.jpg`);
    const annotated = await annotateFrame(item.jpeg, firing.boxes, { caption: DETECTOR_CATEGORIES[firing.category].zh, at: firing.at });
    const snapshotId = await client.uploadSnapshot(annotated, item.schoolCode, `alert-${stamp}.jpg`);
    const result = await client.postAlert({
      category: firing.category,
      cameraId: firing.cameraId,
      confidence: firing.confidence,
      detectedAt: new Date(firing.at).toISOString(),
      snapshotId,
      // The alert's boxes: label, score and pixel box (labels cut to the alert schema's 40 characters).
      boxes: firing.boxes.map(({ label, score, box }) => ({ label: label.slice(0, 40), score, box })),
      summary: firing.summary,
      details: { ...firing.details, model: item.model, frameId },
      idempotencyKey: firing.idempotencyKey,
    });
    await client.reportFrame({
      alertId: result.alertId,
      frameId,
      model: item.model,
      capturedAt: new Date(firing.at).toISOString(),
      width: item.width,
      height: item.height,
      boxes: firing.boxes,
    });
    return result;
  }
}
