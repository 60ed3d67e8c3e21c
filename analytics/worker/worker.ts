// The detection worker: learns its cameras and their rules from the server (and tells the server its model),
// samples each running camera's newest frame at the camera's rate, lets the motion gate throw away the still
// ones, queues the rest fairly for the one detector session, tracks and applies the rules per camera, and
// hands each violation to the outbox. Every step is counted per camera, for /health and the heartbeat.
// Its cameras come one of two ways, as the server says in the heartbeat's answer: its share of the
// assignment, sampled all the time; or, when the server has Redis, visits claimed from the pool's queue (a
// few seconds of a camera, then reported done so the camera is due again after its risk grade's interval).
import type { Logger } from 'pino';
import { liveCategories } from '../rules/catalogue';
import { CameraAnalyser, type FrameDetector } from './analyser';
import { FairQueue } from './fair-queue';
import { AlertOutbox } from './outbox';
import type { AssignedCamera, SamplingMode, WorkerStats } from './protocol';
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
  /** Cameras visited at once when sampling through the pool's queue. */
  readonly maxVisits?: number;
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
  /** A claimed visit: when it began and when it is over (unset: an assigned camera). */
  visit: { startedAt: number; endsAt: number } | undefined;
}

/** One sampling visit of a camera by this worker (endedAt null: under way). */
export interface VisitRecord {
  cameraId: string;
  startedAt: number;
  endedAt: number | null;
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
  sampling: { mode: SamplingMode; visits: VisitRecord[] };
}

const TICK_MS = 50;
/** With nothing due, ask the queue again after this long. */
const IDLE_CLAIM_MS = 1_000;
/** A visit waits this long past its end for its last frame to be analysed. */
const VISIT_OVERRUN_MS = 5_000;
const VISITS_KEPT = 1_000;
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
  private mode: SamplingMode = 'assignment';
  private claiming = false;
  private nextClaimAt = 0;
  private reporting = false;
  /** Visits ended and not yet reported to the server. */
  private readonly ended: string[] = [];
  /** The latest visits ended, for /health. */
  private readonly visitLog: VisitRecord[] = [];

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
    if (this.mode === 'queue') {
      // Hand the visits under way back now rather than when their leases run out.
      const held = [...this.ended, ...[...this.cameras.values()].filter((state) => state.visit).map((state) => state.camera.id)];
      if (held.length > 0) await this.options.client.endVisits({ worker: this.options.workerId, cameras: held }).catch(() => undefined);
    }
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
      sampling: {
        mode: this.mode,
        visits: [
          ...this.visitLog,
          ...[...this.cameras.values()].flatMap((state) =>
            state.visit ? [{ cameraId: state.camera.id, startedAt: state.visit.startedAt, endedAt: null }] : [],
          ),
        ],
      },
    };
  }

  private idleReason(state: CameraState): string | null {
    if (!state.camera.rules.enabled) return 'analytics disabled for this camera';
    if (state.analyser.neededLabels.length === 0) return 'no live rule for this model';
    if (state.camera.status !== 'online') return `camera ${state.camera.status}`;
    return null;
  }

  /** Heartbeat, then the assignment (unless visits come from the queue); again every refreshSeconds (sooner after a failure, never a hot loop). */
  private async refresh(): Promise<void> {
    const { client, log, workerId } = this.options;
    try {
      const answer = await client.heartbeat({
        workerId,
        model: { name: this.options.detector.name, labels: [...this.modelLabels] },
        cameras: this.cameras.size,
        intervalSeconds: this.options.refreshSeconds,
        stats: this.totals(),
      });
      if (answer.sampling !== this.mode) {
        log.info({ sampling: answer.sampling }, 'sampling mode');
        for (const id of [...this.cameras.keys()]) this.retire(id);
        this.mode = answer.sampling;
      }
      if (this.mode === 'assignment') {
        const assignments = await client.assignments(workerId);
        this.apply(assignments.cameras);
        if (!this.registered || this.refreshFailures > 0) {
          log.info(
            { cameras: assignments.cameras.length, active: [...this.cameras.values()].filter((s) => !this.idleReason(s)).length },
            'assignment received',
          );
        }
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
        this.add(camera, Date.now() + Math.random() * (1000 / this.options.fps), undefined);
        continue;
      }
      // Compared whole, not by version: a server upgrade may change the city-wide defaults under version 0.
      if (JSON.stringify(camera.rules) !== JSON.stringify(state.camera.rules)) state.analyser.setRules(camera.rules);
      state.camera = camera;
    }
    for (const id of [...this.cameras.keys()]) if (!seen.has(id)) this.retire(id);
  }

  private add(camera: AssignedCamera, nextSampleAt: number, visit: CameraState['visit']): void {
    this.cameras.set(camera.id, {
      camera,
      analyser: new CameraAnalyser(camera.id, camera.rules, this.options.detector),
      counters: emptyCounters(),
      nextSampleAt,
      lastCapturedAt: undefined,
      fetching: false,
      failures: 0,
      lastGate: undefined,
      lastError: undefined,
      lastAlertId: undefined,
      visit,
    });
  }

  /** Lets a camera go; its counters stay in the totals. */
  private retire(id: string): void {
    const state = this.cameras.get(id);
    if (!state) return;
    this.queue.remove(id);
    for (const key of Object.keys(this.retired) as (keyof CameraCounters)[]) this.retired[key] += state.counters[key];
    this.cameras.delete(id);
  }

  /** Queue mode: ends the visits whose time is up (or that cannot be sampled), reports them, claims while there is room. */
  private visitTurn(now: number): void {
    for (const state of [...this.cameras.values()]) {
      const visit = state.visit;
      if (!visit) continue;
      const settled = !state.fetching && this.queue.sizeOf(state.camera.id) === 0;
      if ((now >= visit.endsAt && settled) || now >= visit.endsAt + VISIT_OVERRUN_MS || this.idleReason(state)) {
        this.retire(state.camera.id);
        this.ended.push(state.camera.id);
        this.visitLog.push({ cameraId: state.camera.id, startedAt: visit.startedAt, endedAt: now });
        if (this.visitLog.length > VISITS_KEPT) this.visitLog.shift();
      }
    }
    if (this.ended.length > 0 && !this.reporting) void this.reportVisits();
    const room = (this.options.maxVisits ?? 8) - this.cameras.size;
    if (room > 0 && !this.claiming && now >= this.nextClaimAt) void this.claimVisits(room);
  }

  private async claimVisits(room: number): Promise<void> {
    this.claiming = true;
    try {
      const visits = await this.options.client.claimVisits({ worker: this.options.workerId, max: Math.min(room, 100) });
      const now = Date.now();
      for (const camera of visits.cameras) {
        const visit = { startedAt: now, endsAt: now + visits.visitSeconds * 1000 };
        const state = this.cameras.get(camera.id);
        if (state) state.visit = visit;
        else if (!this.stopped) this.add(camera, now, visit);
      }
      this.nextClaimAt = visits.cameras.length === 0 ? now + IDLE_CLAIM_MS : now;
    } catch (error) {
      this.nextClaimAt = Date.now() + 2 * IDLE_CLAIM_MS;
      this.options.log.warn({ err: (error as Error).message }, 'could not claim sampling visits');
    } finally {
      this.claiming = false;
    }
  }

  /** Reports ended visits; one lost report costs only a lease that runs out (the camera is then due at once). */
  private async reportVisits(): Promise<void> {
    this.reporting = true;
    const cameras = this.ended.splice(0, 1000);
    try {
      await this.options.client.endVisits({ worker: this.options.workerId, cameras });
    } catch (error) {
      this.options.log.warn({ err: (error as Error).message, cameras: cameras.length }, 'could not report sampling visits');
    } finally {
      this.reporting = false;
    }
  }

  private intervalOf(state: CameraState): number {
    return 1000 / (state.camera.rules.fps ?? this.options.fps);
  }

  /** Starts the snapshot requests that are due, as many as may run at once. */
  private tick(): void {
    if (this.stopped) return;
    const now = Date.now();
    if (this.mode === 'queue') this.visitTurn(now);
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
