import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultPolicy } from '../../commands/index.ts';
import type { Db } from '../../src/db/client.ts';
import { createLogger } from '../../src/log.ts';
import { Scheduler, type Job } from '../../src/scheduler/scheduler.ts';
import { SettableClock } from '../../src/time/clock.ts';
import { freshDb } from '../helpers/database.ts';

const policy = defaultPolicy();
const log = createLogger('silent');
let db: Db;
const running: Scheduler[] = [];

beforeEach(async () => {
  db = (await freshDb('scheduler')).db;
});
afterEach(async () => {
  for (const scheduler of running.splice(0)) await scheduler.stop();
  await db.$disconnect();
});

function morningJob(fired: string[], fail?: { times: number }): Job {
  return {
    name: 'morning',
    cron: '50 7 * * 1-5',
    async run({ dueAt }) {
      if (fail && fail.times-- > 0) throw new Error('platform down');
      fired.push(dueAt.toISOString());
    },
  };
}

function scheduler(clock: SettableClock, jobs: Job[], instance = 'a') {
  const s = new Scheduler(db, clock, policy, log, jobs, instance, () => {});
  running.push(s);
  return s;
}

describe('scheduler on the injected clock', () => {
  it('runs a late fire only while it is still useful: 07:50 with 9 minutes runs at 07:59, not at 08:00; without a limit, anywhere in the catch-up window', async () => {
    // Each start is a new job name, so no earlier claim of 07:50 hides the answer.
    const at = async (time: string, usefulForMinutes?: number) => {
      const fired: string[] = [];
      const clock = new SettableClock(new Date(`2026-11-23T${time}:00+08:00`), { frozen: true });
      await scheduler(clock, [{ ...morningJob(fired), name: `reminder-${time}`, ...(usefulForMinutes === undefined ? {} : { usefulForMinutes }) }]).tick();
      return fired;
    };
    expect(await at('07:59', 9)).toEqual(['2026-11-22T23:50:00.000Z']);
    expect(await at('08:00', 9)).toEqual([]);
    expect(await at('08:29')).toEqual(['2026-11-22T23:50:00.000Z']);
  });

  it('fires in the office time zone: 07:50 Shanghai is 23:50 UTC the day before', async () => {
    const clock = new SettableClock(new Date('2026-11-23T07:49:00+08:00'), { frozen: true });
    const fired: string[] = [];
    const s = scheduler(clock, [morningJob(fired)]);
    await s.tick();
    expect(fired).toEqual([]);
    clock.set(new Date('2026-11-23T07:50:30+08:00'), { frozen: true });
    await s.tick();
    expect(fired).toEqual(['2026-11-22T23:50:00.000Z']);
  });

  it('a clock change fires what became due (the sandbox clock)', async () => {
    const clock = new SettableClock(new Date('2026-11-23T06:00:00+08:00'), { frozen: true });
    const fired: string[] = [];
    const s = scheduler(clock, [morningJob(fired)]);
    s.start();
    await s.tick();
    clock.set(new Date('2026-11-23T07:55:00+08:00'), { frozen: true });
    await s.tick();
    expect(fired).toEqual(['2026-11-22T23:50:00.000Z']);
  });

  it('a clock set twice while a tick is busy still fires what was due at the first setting', async () => {
    const clock = new SettableClock(new Date('2026-11-23T06:00:00+08:00'), { frozen: true });
    const fired: string[] = [];
    let release: (() => void) | undefined;
    const slow: Job = { name: 'slow', cron: '0 6 * * *', run: () => (release ? Promise.resolve() : new Promise<void>((resolve) => (release = resolve))) };
    const s = scheduler(clock, [slow, morningJob(fired)]);
    s.start();
    // 07:50 comes while the 06:00 job still runs; the clock then moves on to the next day, beyond the catch-up window.
    clock.set(new Date('2026-11-23T07:50:00+08:00'), { frozen: true });
    clock.set(new Date('2026-11-24T06:30:00+08:00'), { frozen: true });
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    release!();
    await vi.waitFor(() => expect(fired).toEqual(['2026-11-22T23:50:00.000Z']));
  });

  it('two instances and a restart never fire one minute twice', async () => {
    const clock = new SettableClock(new Date('2026-11-23T07:50:10+08:00'), { frozen: true });
    const fired: string[] = [];
    const a = scheduler(clock, [morningJob(fired)], 'a');
    const b = scheduler(clock, [morningJob(fired)], 'b');
    await Promise.all([a.tick(), b.tick()]);
    const restarted = scheduler(clock, [morningJob(fired)], 'a');
    await restarted.tick();
    expect(fired).toHaveLength(1);
    expect(await db.scheduledRun.count()).toBe(1);
  });

  it('catches up a fire missed while down, within the catch-up window only', async () => {
    const fired: string[] = [];
    const recent = new SettableClock(new Date('2026-11-23T08:30:00+08:00'), { frozen: true });
    await scheduler(recent, [morningJob(fired)]).tick();
    expect(fired).toEqual(['2026-11-22T23:50:00.000Z']);

    const late: string[] = [];
    const stale = new SettableClock(new Date('2026-11-24T09:00:00+08:00'), { frozen: true });
    await scheduler(stale, [morningJob(late)], 'c').tick();
    expect(late).toEqual([]);
  });

  it('skips weekends by the cron expression', async () => {
    const fired: string[] = [];
    const saturday = new SettableClock(new Date('2026-11-28T07:50:00+08:00'), { frozen: true });
    await scheduler(saturday, [morningJob(fired)]).tick();
    expect(fired).toEqual([]);
  });

  it('tries a failed job again at the next tick, and then only once', async () => {
    const clock = new SettableClock(new Date('2026-11-23T07:50:00+08:00'), { frozen: true });
    const fired: string[] = [];
    const s = scheduler(clock, [morningJob(fired, { times: 1 })]);
    await s.tick();
    expect(fired).toEqual([]);
    expect(await db.scheduledRun.count()).toBe(0);
    clock.set(new Date('2026-11-23T07:51:00+08:00'), { frozen: true });
    await s.tick();
    await s.tick();
    expect(fired).toEqual(['2026-11-22T23:50:00.000Z']);
  });

  it('refuses an invalid cron expression when built', () => {
    const clock = new SettableClock(new Date(), { frozen: true });
    expect(() => scheduler(clock, [{ name: 'bad', cron: '61 * * * *', run: async () => {} }])).toThrow(/invalid cron/);
  });
});
