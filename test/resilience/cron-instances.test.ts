import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabaseUrl, onPostgres } from '../helpers/database.ts';
import { until } from '../helpers/until.ts';

const apps: TestApp[] = [];
async function stopAll(): Promise<void> {
  for (const app of apps.splice(0)) await app.stop();
}
afterEach(stopAll);

async function start(databaseUrl: string, now: string, demo = false): Promise<TestApp> {
  const app = await startTestApp({ databaseUrl, now, demo });
  apps.push(app);
  return app;
}

/** The reminders of a session in the outbox, by chat: each work group must appear once. */
async function reminders(app: TestApp, start: string): Promise<string[]> {
  const rows = await app.app.db.outboxMessage.findMany({ where: { payload: { contains: `${start} 上班，请按时签到` } }, select: { platformChatId: true } });
  return rows.map((r) => r.platformChatId).sort();
}

async function workGroups(app: TestApp): Promise<string[]> {
  const chats = await app.app.db.chat.findMany({ where: { purpose: 'work' }, select: { platformChatId: true } });
  return chats.map((c) => c.platformChatId).sort();
}

/** Waits for every instance's scheduler to finish the ticks it has begun. */
async function settle(...instances: TestApp[]): Promise<void> {
  for (const app of instances) await app.app.scheduler.tick();
}

describe('the check-in reminder exactly once', () => {
  // Two SQLite connections in one process block each other (better-sqlite3 waits for a lock
  // synchronously, holding the event loop the other needs); several instances are a PostgreSQL set-up.
  it.skipIf(!onPostgres)('two instances crossing 07:50 together, then a restart of both across 12:50 (PostgreSQL)', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const a = await start(databaseUrl, '2026-11-23T07:48:00+08:00', true);
    const b = await start(databaseUrl, '2026-11-23T07:48:00+08:00');
    const groups = await workGroups(a);
    a.clock.set(new Date('2026-11-23T07:50:20+08:00'), { frozen: true });
    b.clock.set(new Date('2026-11-23T07:50:20+08:00'), { frozen: true });
    await until('the morning reminders', async () => (await reminders(a, '08:00')).length >= groups.length);
    await settle(a, b);
    const morning = await reminders(a, '08:00');

    await stopAll();
    const c = await start(databaseUrl, '2026-11-23T12:53:00+08:00');
    const d = await start(databaseUrl, '2026-11-23T12:53:00+08:00');
    await until('the afternoon reminders', async () => (await reminders(c, '13:00')).length >= groups.length);
    await settle(c, d);
    const afternoon = await reminders(c, '13:00');
    const runs = await c.app.db.scheduledRun.count({ where: { job: { startsWith: 'checkin-reminder' } } });
    process.stdout.write(
      `cron, two instances: ${groups.length} work groups; 07:50 crossed by both: ${morning.length} reminders; ` +
        `12:50 missed while both were down, both back at 12:53: ${afternoon.length} reminders; ${runs} claimed fires\n`,
    );
    expect(groups.length).toBeGreaterThan(0);
    expect(morning).toEqual(groups);
    expect(afternoon).toEqual(groups);
    expect(runs).toBe(2);
  }, 60_000);

  it('a restart across the minute: caught up once after it, not again at the next start', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const a = await start(databaseUrl, '2026-11-23T12:48:00+08:00', true);
    const groups = await workGroups(a);
    await stopAll();
    const b = await start(databaseUrl, '2026-11-23T12:52:00+08:00');
    await until('the afternoon reminders', async () => (await reminders(b, '13:00')).length >= groups.length);
    await settle(b);
    await stopAll();
    const c = await start(databaseUrl, '2026-11-23T12:55:00+08:00');
    await settle(c);
    const afternoon = await reminders(c, '13:00');
    process.stdout.write(`cron, restart across 12:50: ${groups.length} work groups, ${afternoon.length} reminders after two restarts\n`);
    expect(groups.length).toBeGreaterThan(0);
    expect(afternoon).toEqual(groups);
  }, 60_000);
});
