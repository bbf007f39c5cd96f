import cron, { type ScheduledTask } from 'node-cron';
import type { Policy } from '../config/policy.ts';
import { isUniqueViolation, type Db, type Tx } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { Outbox } from '../messaging/outbox.ts';
import type { Clock } from '../time/clock.ts';

export interface JobContext {
  tx: Tx;
  /** The minute this fire was due, in the injected clock's terms. */
  dueAt: Date;
  /** What the job sends: written once, after it, in its transaction. */
  out: Outbox;
}

export interface Job {
  name: string;
  /** A cron expression read in the office time zone. */
  cron: string;
  /**
   * How many minutes after its due minute a fire is still worth running: a check-in reminder before
   * 08:00 is noise at 08:29, after a restart. Without it, the whole catch-up window.
   */
  usefulForMinutes?: number;
  run(context: JobContext): Promise<void>;
}

const MINUTE = 60_000;

/** Runs one fire of a job in the caller's transaction and writes what it sends, once, after it. */
export async function runJob(tx: Tx, job: Job, dueAt: Date): Promise<void> {
  const out = new Outbox();
  await job.run({ tx, dueAt, out });
  await out.write(tx, dueAt);
}

/**
 * Fires jobs on the injected clock. node-cron ticks every real minute and matches each job's
 * expression in the office zone; a sandbox clock change also ticks. Each fire is claimed by
 * inserting (job, minute) in the database inside the job's own transaction, so a restart or a
 * second instance never fires it twice, and a failed job is tried again at the next tick.
 */
export class Scheduler {
  private readonly matchers: { job: Job; task: ScheduledTask }[];
  private heartbeat: ScheduledTask | null = null;
  private unsubscribe: (() => void) | null = null;
  private lastChecked: number;
  private ticking: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly policy: Policy,
    private readonly log: Logger,
    jobs: readonly Job[],
    private readonly instanceId: string,
    private readonly afterJob: () => void,
  ) {
    this.matchers = jobs.map((job) => {
      if (!cron.validate(job.cron)) throw new Error(`job ${job.name} has an invalid cron expression "${job.cron}"`);
      return { job, task: cron.createTask(job.cron, () => undefined, { timezone: policy.timezone, name: job.name }) };
    });
    this.lastChecked = this.floorMinute(clock.now().getTime()) - policy.scheduler.catchUpMinutes * MINUTE;
  }

  start(): void {
    this.heartbeat = cron.schedule('* * * * *', () => void this.tick(), { timezone: this.policy.timezone, name: 'scheduler-heartbeat' });
    this.unsubscribe = this.clock.onChange(() => void this.tick());
    void this.tick();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.heartbeat?.destroy();
    for (const { task } of this.matchers) await task.destroy();
    await this.ticking;
  }

  /**
   * Runs every fire due since the last check (bounded by the catch-up window); serialised. The instant is
   * read when the tick is asked for, not when it runs: a sandbox clock set twice in quick succession must
   * still fire what was due at the first setting while an earlier tick is busy.
   */
  tick(): Promise<void> {
    const at = this.clock.now().getTime();
    this.ticking = this.ticking.then(() => this.runDue(at)).catch((error: unknown) => this.log.error({ err: error }, 'scheduler tick failed'));
    return this.ticking;
  }

  private floorMinute(ms: number): number {
    return Math.floor(ms / MINUTE) * MINUTE;
  }

  private async runDue(at: number): Promise<void> {
    const now = this.floorMinute(at);
    const earliest = Math.max(this.lastChecked + MINUTE, now - this.policy.scheduler.catchUpMinutes * MINUTE);
    let allDone = true;
    for (const { job, task } of this.matchers) {
      // Only the latest missed fire of a job runs: a reminder is useful once, not once per missed minute.
      let due: number | null = null;
      for (let minute = now; minute >= earliest; minute -= MINUTE) {
        if (task.match(new Date(minute))) {
          due = minute;
          break;
        }
      }
      if (due === null) continue;
      if (job.usefulForMinutes !== undefined && now - due > job.usefulForMinutes * MINUTE) {
        this.log.info({ job: job.name, dueAt: new Date(due) }, 'job skipped: no longer useful');
        continue;
      }
      if (!(await this.fire(job, new Date(due)))) allDone = false;
    }
    // A clock set backwards (sandbox) starts the window again from there.
    if (allDone || now < this.lastChecked) this.lastChecked = now;
  }

  private async fire(job: Job, dueAt: Date): Promise<boolean> {
    try {
      await this.db.$transaction(
        async (tx) => {
          await tx.scheduledRun.create({ data: { job: job.name, dueAt, claimedBy: this.instanceId, claimedAt: new Date() } });
          await runJob(tx, job, dueAt);
        },
        { timeout: 60_000, maxWait: 30_000 },
      );
      this.log.info({ job: job.name, dueAt }, 'job fired');
      this.afterJob();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return true;
      this.log.error({ err: error, job: job.name, dueAt }, 'job failed; it will be tried again');
      return false;
    }
  }
}
