import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { seedPeople } from '../../bench/support.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { freshDatabaseUrl, TEST_DATABASE } from '../helpers/database.ts';
import { until } from '../helpers/until.ts';
import { startBotProcess, type BotProcess } from '../resilience/bot-process.ts';

/**
 * The statements a check-in costs, counted in the real bot process (PRISMA_LOG_QUERIES lists each
 * one, Prisma's and the raw channel's; BEGIN is not listed). The budget is what the message path
 * was cut to for issue 15; a look-up added to every check-in fails here.
 */
const SEQUENTIAL = 10;
const CONCURRENT = 32;
const AT = '2026-11-23T07:55:00+08:00';
/** The bot's own statements per check-in: arrival, inbox, calendar day, duty seats, check-in, outbox, COMMIT, the delivery's read, claim and record. */
const BOT_BUDGET = 10.5;

/** Kept-alive sockets, as a platform's webhook deliveries come: check-ins sent at once arrive at once. */
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENT });

let bot: BotProcess | null = null;
afterEach(async () => {
  agent.destroy();
  await bot?.kill('SIGTERM');
  bot = null;
});

function post(url: string, pathname: string, body: unknown): Promise<number> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}${pathname}`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(text);
  });
}

const checkIn = (url: string, i: number) => post(url, '/sandbox/api/messages', { chatId: 'g-work', userId: `u${i}`, text: '签到', id: `budget-${i}` });

/** The bot's own: without the sandbox (the platform's side, and this test reading its history) and the sender's lease renewals. */
const botOwn = (lines: string[]) => lines.filter((line) => !line.includes('Sandbox') && !line.includes('"SenderLease"'));

function statementsSince(offset: number): string[] {
  return bot!.output().slice(offset).split('\n').filter((line) => line.startsWith('Q '));
}

/** The delivery worker's look at the outbox when it has nothing to send, once a second (pollMs). */
const idlePoll = (line: string) => line.includes('FROM "OutboxMessage" o WHERE');

/**
 * Waits until the bot has done nothing but look at its outbox for 1.5 s: the scheduler's catch-up
 * when the clock is set (Monday's plan prompts to everyone) is no check-in's.
 */
async function settled(): Promise<void> {
  let seen = -1;
  let quietSince = Date.now();
  await until('the bot to settle', async () => {
    const length = botOwn(statementsSince(0)).filter((line) => !idlePoll(line)).length;
    if (length !== seen) {
      seen = length;
      quietSince = Date.now();
    }
    return Date.now() - quietSince >= 1500;
  }, 60_000);
}

/** Waits until the sandbox shows `count` replies of the bot in the work group. */
async function repliesSent(url: string, count: number): Promise<void> {
  await until(`${count} replies`, async () => {
    const { messages } = (await (await fetch(`${url}/sandbox/api/messages?chatId=g-work`)).json()) as { messages: { userId: string }[] };
    return messages.filter((m) => m.userId === 'bot').length >= count;
  });
}

describe(`statements per check-in (${TEST_DATABASE})`, () => {
  it('stays within the budget one at a time, and the sandbox writes messages that arrive together in one statement', async () => {
    const databaseUrl = await freshDatabaseUrl('budget');
    await migrateDatabase(databaseUrl);
    await seedPeople(databaseUrl, CONCURRENT * 2 + SEQUENTIAL);
    bot = await startBotProcess({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', PRISMA_LOG_QUERIES: '1' });
    expect(await post(bot.url, '/sandbox/api/clock', { now: AT, frozen: true })).toBe(200);
    // Warm-up: the first check-ins open the sockets and the delivery worker's lease.
    await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => checkIn(bot!.url, i)));
    await repliesSent(bot.url, CONCURRENT);
    await settled();

    let offset = bot.output().length;
    for (let i = CONCURRENT; i < CONCURRENT + SEQUENTIAL; i++) {
      expect(await checkIn(bot.url, i)).toBe(200);
      await repliesSent(bot.url, i + 1);
    }
    // A statement's log line can reach this process after the reply it wrote.
    const sandboxWrites = () => statementsSince(offset).filter((line) => line.includes('INSERT INTO "Sandbox'));
    await until('the last reply written', () => sandboxWrites().length >= 3 * SEQUENTIAL, 5_000).catch(() => {});
    const one = statementsSince(offset);
    const sandbox = sandboxWrites();
    const own = botOwn(one);
    expect(own.length / SEQUENTIAL).toBeLessThanOrEqual(BOT_BUDGET);
    // Each new person: one user row, the message in, the reply out.
    expect(sandbox.length).toBe(3 * SEQUENTIAL);

    offset = bot.output().length;
    const start = CONCURRENT + SEQUENTIAL;
    const statuses = await Promise.all(Array.from({ length: CONCURRENT }, (_, k) => checkIn(bot!.url, start + k)));
    expect(statuses.every((status) => status === 200)).toBe(true);
    await repliesSent(bot.url, start + CONCURRENT);
    const together = statementsSince(offset);
    const messageWrites = together.filter((line) => line.includes('INSERT INTO "SandboxMessage"')).length;
    const userWrites = together.filter((line) => line.includes('INSERT INTO "SandboxUser"')).length;
    process.stdout.write(
      `statements per check-in (${TEST_DATABASE}): one at a time ${(own.length / SEQUENTIAL).toFixed(1)} of the bot + ${sandbox.length / SEQUENTIAL} of the sandbox; ` +
        `${CONCURRENT} together ${(botOwn(together).length / CONCURRENT).toFixed(1)} of the bot, the sandbox's ${2 * CONCURRENT} messages in ${messageWrites} statements, ${CONCURRENT} new users in ${userWrites}\n`,
    );
    expect(messageWrites).toBeLessThan(1.5 * CONCURRENT);
    expect(userWrites).toBeLessThan(0.75 * CONCURRENT);
    expect(botOwn(together).length / CONCURRENT).toBeLessThanOrEqual(BOT_BUDGET);
  });
});
