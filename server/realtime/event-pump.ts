// Each server process runs one pump. It reads the event log in sequence order from the last event it passed
// on and hands each batch to the sockets of this process. Because it reads committed rows in order, a client
// never sees events out of order, and an event committed by any process (or before a restart) is never lost.
// It wakes when a local transaction commits, when another process announces a commit over Redis, and on a
// slow poll as a safety net.
import type { Knex } from 'knex';
import type { Logger } from '../logger';
import { lastCommittedSeq, readEvents, type EventRecord } from './event-log';

const BATCH = 500;

export class EventPump {
  private position = 0;
  private running = false;
  private wakeAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private idle: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: Knex,
    private readonly deliver: (batch: EventRecord[]) => void,
    private readonly log: Logger,
    private readonly pollMs = 1000,
  ) {}

  /** The last sequence number passed on to this process's sockets. */
  get seq(): number {
    return this.position;
  }

  async start(): Promise<void> {
    this.position = await lastCommittedSeq(this.db);
    this.timer = setInterval(() => this.poll(), this.pollMs);
    this.timer.unref();
  }

  /** Something was committed (here or elsewhere): read and pass on what is new. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    this.running = true;
    this.idle = this.drain().finally(() => {
      this.running = false;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.idle;
  }

  private poll(): void {
    if (this.running) return;
    lastCommittedSeq(this.db).then(
      (seq) => {
        if (seq > this.position) this.wake();
      },
      (error: unknown) => this.log.warn({ err: error }, 'event pump poll failed'),
    );
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.wakeAgain = false;
        let batch: EventRecord[];
        do {
          batch = await readEvents(this.db, { after: this.position, limit: BATCH });
          const last = batch.at(-1);
          if (!last) break;
          this.position = last.seq;
          try {
            this.deliver(batch);
          } catch (error) {
            this.log.error({ err: error }, 'event delivery failed');
          }
        } while (batch.length === BATCH);
      } while (this.wakeAgain);
    } catch (error) {
      // The next wake or poll tries again from the same position: nothing is skipped.
      this.log.warn({ err: error }, 'event pump read failed');
    }
  }
}
