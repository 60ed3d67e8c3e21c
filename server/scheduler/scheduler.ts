// Periodic jobs (deadline sweeps, daily patrol plans, clean-ups). Every job is idempotent on its own — it
// claims its work with conditional updates in the database — so running it twice, after a restart or on two
// processes, fires nothing twice. In one process a timer runs each job; with REDIS_URL a BullMQ job
// scheduler hands each tick to one process of the cluster.
import type { Logger } from '../logger';

export interface ScheduledJob {
  name: string;
  everyMs: number;
  /** The first run after a start (default 1 s: catch up at once). Heavy daily work waits for the start to settle. */
  firstRunAfterMs?: number;
  run(): Promise<unknown>;
}

export interface Scheduler {
  /** Runs a job now (e.g. after a change that makes its work due), in addition to its schedule. */
  trigger(name: string): void;
  stop(): Promise<void>;
}

/** Runs one job at a time per name, logging failures; the next tick tries again. */
export class JobRunner {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly jobs: readonly ScheduledJob[],
    private readonly log: Logger,
  ) {}

  run(name: string): Promise<void> {
    const job = this.jobs.find((candidate) => candidate.name === name);
    if (!job) return Promise.resolve();
    const current = this.running.get(name);
    if (current) return current;
    const started = Date.now();
    const execution = job
      .run()
      .then(
        (result) => this.log.debug({ job: name, ms: Date.now() - started, result }, 'job done'),
        (error: unknown) => this.log.error({ err: error, job: name }, 'job failed'),
      )
      .finally(() => this.running.delete(name));
    this.running.set(name, execution);
    return execution;
  }

  async idle(): Promise<void> {
    await Promise.all(this.running.values());
  }
}

export function startInProcessScheduler(jobs: readonly ScheduledJob[], log: Logger): Scheduler {
  const runner = new JobRunner(jobs, log);
  const timers = jobs.map((job) => {
    const timer = setInterval(() => void runner.run(job.name), job.everyMs);
    timer.unref();
    return timer;
  });
  // Catch up at start with whatever fell due while the server was down.
  const firsts = jobs.map((job) => {
    const first = setTimeout(() => void runner.run(job.name), job.firstRunAfterMs ?? 1000);
    first.unref();
    return first;
  });
  return {
    trigger: (name) => void runner.run(name),
    stop: async () => {
      for (const first of firsts) clearTimeout(first);
      for (const timer of timers) clearInterval(timer);
      await runner.idle();
    },
  };
}

/** No timers: jobs run only when triggered (tests; a process that leaves the jobs to others). */
export function manualScheduler(jobs: readonly ScheduledJob[], log: Logger): Scheduler {
  const runner = new JobRunner(jobs, log);
  return { trigger: (name) => void runner.run(name), stop: () => runner.idle() };
}
