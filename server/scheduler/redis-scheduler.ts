// The scheduler across processes: a BullMQ job scheduler per job in Redis, so each tick is taken by one
// worker of the cluster. The jobs stay idempotent, so a tick taken twice (a worker lost mid-job) is harmless.
import { Queue, Worker } from 'bullmq';
import type { Logger } from '../logger';
import { JobRunner, type ScheduledJob, type Scheduler } from './scheduler';

const QUEUE = 'scheduled-jobs';

/** `prefix` is the deployment's (config.redisPrefix): another deployment on the same Redis has queues of its own. */
export async function startRedisScheduler(
  redisUrl: string,
  prefix: string,
  jobs: readonly ScheduledJob[],
  log: Logger,
): Promise<Scheduler> {
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue(QUEUE, { connection, prefix });
  for (const job of jobs) {
    await queue.upsertJobScheduler(
      job.name,
      { every: job.everyMs },
      { name: job.name, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
  const runner = new JobRunner(jobs, log);
  const worker = new Worker(
    QUEUE,
    async (job) => {
      await runner.run(job.name);
      // One line per tick, naming it: which process took which tick (the cluster test counts them).
      log.debug({ job: job.name, tick: job.id }, 'scheduled tick done');
    },
    { connection, prefix, concurrency: jobs.length },
  );
  worker.on('error', (error) => log.warn({ err: error }, 'scheduler worker error'));
  return {
    trigger: (name) => void runner.run(name),
    stop: async () => {
      await worker.close();
      await queue.close();
      await runner.idle();
    },
  };
}
