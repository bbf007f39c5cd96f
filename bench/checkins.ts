/**
 * `npm run bench`: N check-ins through the sandbox HTTP API with concurrency, against the same N
 * done as bare Prisma transactions (one check-in row + one outbox row), side by side in one run.
 * Absolute times are noisy on shared machines; read the ratio.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.ts';
import { loadEnv } from '../src/config/env.ts';
import { defaultPolicy } from '../src/config/policy.ts';
import { createDb } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { SettableClock } from '../src/time/clock.ts';
import { tempDir } from '../test/helpers/app.ts';
import { mb, percentile, pool, seedPeople } from './support.ts';

const N = Number(process.env.BENCH_N ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const AT = new Date('2026-11-23T07:55:00+08:00');
/**
 * Check-ins before the measured ones, at the same concurrency: the first concurrent burst after a
 * start pays for query compilation and JIT (seconds), which is start-up cost, not throughput.
 */
const WARMUP = Math.max(50, 4 * CONCURRENCY);

async function endToEnd(): Promise<{ seconds: number; latencies: number[]; rssStart: number; rssEnd: number }> {
  const databaseUrl = `file:${path.join(tempDir('shequ-bench-'), 'bench.db')}`;
  await migrateDatabase(databaseUrl);
  await seedPeople(databaseUrl, N + WARMUP);
  const env = loadEnv({ DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'silent', SANDBOX: 'on', DEMO_DATA: 'off' });
  const app = await createApp({ env, policy: defaultPolicy(), clock: new SettableClock(AT, { frozen: true }) });
  const url = await app.start();
  // Diagnostic: without the delivery worker competing for the database, only the commit path is measured.
  if (process.env.BENCH_NO_DELIVERY) await app.delivery.stop();
  const rssStart = process.memoryUsage().rss;
  const checkIn = async (i: number) => {
    const response = await fetch(`${url}/sandbox/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chatId: 'g-work', userId: `u${i}`, text: '签到', id: `bench-${i}` }),
    });
    if (!response.ok) throw new Error(`check-in ${i} failed: ${response.status} ${await response.text()}`);
  };
  await pool(WARMUP, CONCURRENCY, (i) => checkIn(N + i));
  const latencies: number[] = [];
  const started = performance.now();
  await pool(N, CONCURRENCY, async (i) => {
    const t0 = performance.now();
    await checkIn(i);
    latencies.push(performance.now() - t0);
  });
  const seconds = (performance.now() - started) / 1000;
  const recorded = await app.db.checkIn.count();
  const replies = await app.db.outboxMessage.count();
  if (recorded !== N + WARMUP || replies < N + WARMUP) throw new Error(`expected ${N} check-ins and replies, got ${recorded} and ${replies}`);
  const rssEnd = process.memoryUsage().rss;
  await app.stop();
  return { seconds, latencies: latencies.sort((a, b) => a - b), rssStart, rssEnd };
}

async function bareFloor(): Promise<number> {
  const databaseUrl = `file:${path.join(tempDir('shequ-bench-'), 'floor.db')}`;
  await migrateDatabase(databaseUrl);
  await seedPeople(databaseUrl, N + WARMUP);
  const db = createDb(databaseUrl);
  const people = await db.person.findMany({ select: { id: true, communityId: true } });
  const transaction = (i: number) => {
    const person = people[i]!;
    return db.$transaction(async (tx) => {
      await tx.checkIn.create({
        data: { personId: person.id, communityId: person.communityId, officeDate: '2026-11-23', session: 'am', kind: 'in', at: AT, status: 'on_time', platform: 'sandbox' },
      });
      await tx.outboxMessage.create({
        data: { platform: 'sandbox', platformChatId: 'g-work', payload: JSON.stringify({ chatId: 'g-work', text: '已签到' }), nextAttemptAt: new Date(), createdAt: AT },
      });
    });
  };
  await pool(WARMUP, CONCURRENCY, (i) => transaction(N + i));
  const started = performance.now();
  await pool(N, CONCURRENCY, async (i) => {
    await transaction(i);
  });
  const seconds = (performance.now() - started) / 1000;
  await db.$disconnect();
  return seconds;
}

const e2e = await endToEnd();
const floorSeconds = await bareFloor();
const e2eRate = N / e2e.seconds;
const floorRate = N / floorSeconds;
const result = {
  n: N,
  concurrency: CONCURRENCY,
  endToEnd: { checkInsPerSecond: Math.round(e2eRate), p50ms: +percentile(e2e.latencies, 50).toFixed(1), p99ms: +percentile(e2e.latencies, 99).toFixed(1) },
  bareTransactions: { perSecond: Math.round(floorRate) },
  floorOverEndToEnd: +(floorRate / e2eRate).toFixed(2),
  rss: { afterStart: mb(e2e.rssStart), afterRun: mb(e2e.rssEnd) },
};
process.stdout.write(
  [
    `check-ins: N=${N}, concurrency=${CONCURRENCY} (sandbox HTTP API → inbox → command → outbox commit)`,
    `  end to end      ${result.endToEnd.checkInsPerSecond}/s   p50 ${result.endToEnd.p50ms} ms   p99 ${result.endToEnd.p99ms} ms`,
    `  bare Prisma tx  ${result.bareTransactions.perSecond}/s   (one check-in row + one outbox row each)`,
    `  ratio floor/e2e ${result.floorOverEndToEnd}x`,
    `  RSS             after start ${result.rss.afterStart}, after run ${result.rss.afterRun}`,
    JSON.stringify(result),
    '',
  ].join('\n'),
);
process.exit(0);
