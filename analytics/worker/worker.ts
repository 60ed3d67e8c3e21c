// The detection worker: learns its cameras and their rules from the server (and tells the server its model),
// samples each running camera's newest frame at the camera's rate, lets the motion gate throw away the still
// ones, queues the rest fairly for the one detector session, tracks and applies the rules per camera, and
// hands each violation to the outbox. Every step is counted per camera, for /health and the heartbeat.
import type { Logger } from 'pino';
import { liveCategories } from '../rules/catalogue';
import { CameraAnalyser, type FrameDetector } from './analyser';
import { FairQueue } from './fair-queue';
import { AlertOutbox } from './outbox';
import type { AssignedCamera, WorkerStats } from './protocol';
import type { ServerClient } from './server-client';

export interface WorkerOptions {
  readonly workerId: string;
  readonly client: ServerClient;
  readonly detector: FrameDetector;
  readonly log: Logger;
  /** Frames sampled per second per camera unless its rules say otherwise. */
  readonly fps: number;
  /** How often the worker heartbeats and asks for its cameras. */
  readonly refreshSeconds: number;
  /** Frames waiting for the detector: per camera and in all. */
  readonly queuePerCamera?: number;
  readonly queueTotal?: number;
  /** Snapshot requests in flight at once. */
  readonly maxFetches?: number;
}

export interface CameraCounters {
  /** Distinct frames looked at by the motion gate. */
  sampled: number;
  /** Answers that repeated the frame already seen (the relay keeps keyframes only). */
  duplicates: number;
  skippedMotion: number;
  queued: number;
  analysed: number;
  dropped: number;
  firings: number;
  alertsPosted: number;
  errors: number;
}

interface CameraState {
  camera: AssignedCamera;
  analyser: CameraAnalyser;
  counters: CameraCounters;
  nextSampleAt: number;
  lastCapturedAt: number | undefined;
  fetching: boolean;
  failures: number;
  lastGate: { reason: string; share: number } | undefined;
  lastError: string | undefined;
  lastAlertId: string | undefined;
}

interface QueuedFrame {
  jpeg: Uint8Array;
  at: number;
}

export interface CameraHealth extends CameraCounters {
  id: string;
  name: string;
  status: string;
  active: boolean;
  /** Why an assigned camera is not sampled, when it is not. */
  idleReason: string | null;
  categories: string[];
  labels: readonly string[];
  tracks: number;
  queueLength: number;
  lastGate: { reason: string; share: number } | null;
  lastError: string | null;
  lastAlertId: string | null;
}

export interface WorkerHealth {
  workerId: string;
  model: { name: string; labels: readonly string[] };
  liveCategories: string[];
  registered: boolean;
  cameras: CameraHealth[];
  totals: WorkerStats;
  queue: { length: number; dropped: number };
  outbox: { pending: number };
  detector: { busy: boolean; analysedMs: number };
}

const TICK_MS = 50;
const emptyCounters = (): CameraCounters => ({
  sampled: 0,
  duplicates: 0,
  skippedMotion: 0,
  queued: 0,
  analysed: 0,
  dropped: 0,
  firings: 0,
  alertsPosted: 0,
  errors: 0,
});

export class AnalyticsWorker {
  private readonly cameras = new Map<string, CameraState>();
  private readonly queue: FairQueue<QueuedFrame>;
  private readonly outbox: AlertOutbox;
  private readonly modelLabels: readonly string[];
  private readonly live: string[];
  private fetching = 0;
  private detecting = false;
  /** The detection loop while it runs: a stop waits for the frame under analysis before the session goes. */
  private detection: Promise<void> | undefined;
  private analysedMs = 0;
  private stopped = false;
  private registered = false;
  private tickTimer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private refreshFailures = 0;
  /** Counters of cameras no longer assigned, so totals never go backwards. */
  private readonly retired = emptyCounters();

  constructor(private readonly options: WorkerOptions) {
    this.modelLabels = options.detector.manifest.labels;
    this.live = liveCategories(this.modelLabels);
    this.queue = new FairQueue({ perKey: options.queuePerCamera ?? 2, total: options.queueTotal ?? 64 });
    this.outbox = new AlertOutbox({
      client: options.client,
      log: options.log,
      onPosted: (item, result) => {
        const state = this.cameras.get(item.firing.cameraId);
        if (state) {
          state.counters.alertsPosted += 1;
          state.lastAlertId = result.alertId;
        } else this.retired.alertsPosted += 1;
        options.log.info(
          {
            camera: item.firing.cameraId,
            category: item.firing.category,
            alertId: result.alertId,
            outcome: result.outcome,
            count: result.count,
          },
          'violation posted',
        );
      },
      onFailed: (item, error) => {
        const state = this.cameras.get(item.firing.cameraId);
        if (state) {
          state.counters.errors += 1;
          state.lastError = (error as Error).message;
        } else this.retired.errors += 1;
      },
    });
  }

  start(): void {
    this.options.log.info(
      { workerId: this.options.workerId, model: this.options.detector.name, liveCategories: this.live, fps: this.options.fps },
      'analytics worker started',
    );
    void this.refresh();
    this.tickTimer = setInterval(() => this.tick(), TICK_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.tickTimer);
    clearTimeout(this.refreshTimer);
    for (const id of this.cameras.keys()) this.queue.remove(id);
    await this.detection;
    await this.outbox.drain(5_000);
  }

  private totals(): WorkerStats {
    const totals = { ...this.retired };
    for (const state of this.cameras.values())
      for (const key of Object.keys(totals) as (keyof CameraCounters)[]) totals[key] += state.counters[key];
    return {
      sampled: totals.sampled,
      skippedMotion: totals.skippedMotion,
      duplicates: totals.duplicates,
      analysed: totals.analysed,
      dropped: totals.dropped,
      firings: totals.firings,
      alertsPosted: totals.alertsPosted,
      errors: totals.errors,
    };
  }

  health(): WorkerHealth {
    return {
      workerId: this.options.workerId,
      model: { name: this.options.detector.name, labels: this.modelLabels },
      liveCategories: this.live,
      registered: this.registered,
      cameras: [...this.cameras.values()].map((state) => ({
        id: state.camera.id,
        name: state.camera.name,
        status: state.camera.status,
        active: this.idleReason(state) === null,
        idleReason: this.idleReason(state),
        categories: state.analyser.engine.categories,
        labels: state.analyser.neededLabels,
        tracks: state.analyser.tracker.size,
        queueLength: this.queue.sizeOf(state.camera.id),
        lastGate: state.lastGate ?? null,
        lastError: state.lastError ?? null,
        lastAlertId: state.lastAlertId ?? null,
        ...state.counters,
      })),
      totals: this.totals(),
      queue: { length: this.queue.size, dropped: this.queue.drops },
      outbox: { pending: this.outbox.pending },
      detector: { busy: this.detecting, analysedMs: Math.round(this.analysedMs) },
    };
  }

  private idleReason(state: CameraState): string | null {
    if (!state.camera.rules.enabled) return 'analytics disabled for this camera';
    if (state.analyser.neededLabels.length === 0) return 'no live rule for this model';
    if (state.camera.status !== 'online') return `camera ${state.camera.status}`;
    return null;
  }

  /** Heartbeat, then the assignment; again every refreshSeconds (sooner after a failure, never a hot loop). */
  private async refresh(): Promise<void> {
    const { client, log, workerId } = this.options;
    try {
      await client.heartbeat({
        workerId,
        model: { name: this.options.detector.name, labels: [...this.modelLabels] },
        cameras: this.cameras.size,
        intervalSeconds: this.options.refreshSeconds,
        stats: this.totals(),
      });
      const assignments = await client.assignments(workerId);
      this.apply(assignments.cameras);
      if (!this.registered || this.refreshFailures > 0) {
        log.info(
          { cameras: assignments.cameras.length, active: [...this.cameras.values()].filter((s) => !this.idleReason(s)).length },
          'assignment received',
        );
      }
      this.registered = true;
      this.refreshFailures = 0;
    } catch (error) {
      this.refreshFailures += 1;
      if (this.refreshFailures === 1 || this.refreshFailures % 10 === 0) {
        log.error({ err: error, failures: this.refreshFailures }, 'could not reach the server for the assignment');
      }
    }
    if (this.stopped) return;
    const delay =
      this.refreshFailures > 0
        ? Math.min(this.options.refreshSeconds * 1000, 2_000 * this.refreshFailures)
        : this.options.refreshSeconds * 1000;
    this.refreshTimer = setTimeout(() => void this.refresh(), delay);
  }

  private apply(cameras: readonly AssignedCamera[]): void {
    const seen = new Set<string>();
    for (const camera of cameras) {
      seen.add(camera.id);
      const state = this.cameras.get(camera.id);
      if (!state) {
        this.cameras.set(camera.id, {
          camera,
          analyser: new CameraAnalyser(camera.id, camera.rules, this.options.detector),
          counters: emptyCounters(),
          nextSampleAt: Date.now() + Math.random() * (1000 / this.options.fps),
          lastCapturedAt: undefined,
          fetching: false,
          failures: 0,
          lastGate: undefined,
          lastError: undefined,
          lastAlertId: undefined,
        });
        continue;
      }
      // Compared whole, not by version: a server upgrade may change the city-wide defaults under version 0.
      if (JSON.stringify(camera.rules) !== JSON.stringify(state.camera.rules)) state.analyser.setRules(camera.rules);
      state.camera = camera;
    }
    for (const [id, state] of this.cameras) {
      if (seen.has(id)) continue;
      this.queue.remove(id);
      for (const key of Object.keys(this.retired) as (keyof CameraCounters)[]) this.retired[key] += state.counters[key];
      this.cameras.delete(id);
    }
  }

  private intervalOf(state: CameraState): number {
    return 1000 / (state.camera.rules.fps ?? this.options.fps);
  }

  /** Starts the snapshot requests that are due, as many as may run at once. */
  private tick(): void {
    if (this.stopped) return;
    const now = Date.now();
    const maxFetches = this.options.maxFetches ?? 8;
    for (const state of this.cameras.values()) {
      if (this.fetching >= maxFetches) break;
      if (state.fetching || now < state.nextSampleAt || this.idleReason(state)) continue;
      const interval = this.intervalOf(state);
      state.nextSampleAt = Math.max(state.nextSampleAt + interval, now + interval / 2);
      void this.sample(state);
    }
  }

  private async sample(state: CameraState): Promise<void> {
    state.fetching = true;
    this.fetching += 1;
    const id = state.camera.id;
    try {
      const shot = await this.options.client.snapshot(id);
      state.failures = 0;
      if (shot.capturedAt === state.lastCapturedAt) {
        state.counters.duplicates += 1;
        return;
      }
      state.lastCapturedAt = shot.capturedAt;
      state.counters.sampled += 1;
      const decision = await state.analyser.check(shot.jpeg, shot.capturedAt);
      state.lastGate = { reason: decision.reason, share: Math.round(decision.share * 10_000) / 10_000 };
      if (!decision.run) {
        state.counters.skippedMotion += 1;
        return;
      }
      if (this.cameras.get(id) !== state) return;
      state.counters.queued += 1;
      for (const dropped of this.queue.push(id, { jpeg: shot.jpeg, at: shot.capturedAt })) {
        const owner = this.cameras.get(dropped.key);
        if (!owner) continue;
        owner.counters.dropped += 1;
        owner.analyser.gate.owe();
      }
      this.detection ??= this.detect().finally(() => (this.detection = undefined));
    } catch (error) {
      state.failures += 1;
      state.counters.errors += 1;
      state.lastError = (error as Error).message;
      // Back off a camera whose snapshots fail (not yet running at the relay, relay gone).
      state.nextSampleAt = Date.now() + Math.min(30_000, 1_000 * 2 ** Math.min(state.failures, 5));
      if (state.failures === 1 || state.failures % 20 === 0) {
        this.options.log.warn({ camera: id, failures: state.failures, err: (error as Error).message }, 'snapshot failed');
      }
    } finally {
      state.fetching = false;
      this.fetching -= 1;
    }
  }

  /** The one detector session: frames in the fair queue's order, one at a time. */
  private async detect(): Promise<void> {
    if (this.detecting) return;
    this.detecting = true;
    try {
      for (let next = this.queue.shift(); next && !this.stopped; next = this.queue.shift()) {
        const state = this.cameras.get(next.key);
        if (!state) continue;
        const started = performance.now();
        try {
          const result = await state.analyser.analyse(next.item.jpeg, next.item.at);
          state.counters.analysed += 1;
          for (const firing of result.firings) {
            state.counters.firings += 1;
            this.outbox.push({
              firing,
              jpeg: next.item.jpeg,
              width: result.width,
              height: result.height,
              schoolCode: state.camera.schoolCode,
              model: this.options.detector.name,
            });
          }
        } catch (error) {
          state.counters.errors += 1;
          state.lastError = (error as Error).message;
          this.options.log.warn({ camera: next.key, err: (error as Error).message }, 'analysis failed');
        }
        this.analysedMs += performance.now() - started;
      }
    } finally {
      this.detecting = false;
    }
  }
}
