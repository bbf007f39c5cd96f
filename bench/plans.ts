/**
 * `npm run bench` (weekly plans): N plans posted end to end through the sandbox HTTP API beside N
 * check-ins on the same bot and database in the same run (read the ratio, not the absolute rates);
 * then the deadline summary for communities of a realistic size, one community and the whole job.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.ts';
import { loadCalendar } from '../src/calendar/calendar-store.ts';
import { loadEnv } from '../src/config/env.ts';
import { defaultPolicy, office, translate } from '../commands/index.ts';
import { createDb } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { planJobs } from '../commands/plan/jobs/weekly.ts';
import { runJob } from '../src/scheduler/scheduler.ts';
import { loadWeeks, summaryText } from '../commands/plan/week-view.ts';
import { SettableClock } from '../src/time/clock.ts';
import { tempDir } from '../test/helpers/app.ts';
import { mb, percentile, pool, seedPeople } from './support.ts';

const N = Number(process.env.BENCH_PLAN_N ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = Math.max(50, 4 * CONCURRENCY);
/** Staff of a community office, and how many communities a street has. */
const PEOPLE = Number(process.env.BENCH_PLAN_COMMUNITY ?? 40);
const COMMUNITIES = Number(process.env.BENCH_PLAN_COMMUNITIES ?? 25);
const RUNS = 5;
const AT = new Date('2026-11-23T07:55:00+08:00');
const policy = defaultPolicy();
const t = translate('zh-CN');

const planText = (i: number) => `周计划\n1. 走访${(i % 12) + 1}栋独居老人\n2. 整理低保台账\n3. 周三网格巡查\n4. 参加街道第${(i % 4) + 1}期业务培训`;

interface Path {
  perSecond: number;
  p50: number;
  p99: number;
}

async function endToEnd(): Promise<{ checkIn: Path; plan: Path; rssAfter: number }> {
  const databaseUrl = `file:${path.join(tempDir('shequ-bench-plans-'), 'bench.db')}`;
  await migrateDatabase(databaseUrl);
  await seedPeople(databaseUrl, N + WARMUP);
  const env = loadEnv({ DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'silent', SANDBOX: 'on', DEMO_DATA: 'off' });
  const app = await createApp({ env, office, policy, clock: new SettableClock(AT, { frozen: true }) });
  const url = await app.start();
  const send = async (i: number, text: string, id: string) => {
    const response = await fetch(`${url}/sandbox/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chatId: 'g-work', userId: `u${i}`, text, id }) });
    if (!response.ok) throw new Error(`${id} failed: ${response.status} ${await response.text()}`);
  };
  const measure = async (text: (i: number) => string, kind: string): Promise<Path> => {
    const latencies: number[] = [];
    const started = performance.now();
    await pool(N, CONCURRENCY, async (i) => {
      const t0 = performance.now();
      await send(i, text(i), `${kind}-${i}`);
      latencies.push(performance.now() - t0);
    });
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { perSecond: Math.round(N / seconds), p50: +percentile(latencies, 50).toFixed(1), p99: +percentile(latencies, 99).toFixed(1) };
  };
  // Each path starts with the delivery worker idle, so neither pays for the other's sends.
  const drain = async () => {
    while ((await app.db.outboxMessage.count({ where: { status: 'pending' } })) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  await pool(WARMUP, CONCURRENCY, (i) => send(N + i, '签到', `warm-checkin-${i}`));
  await pool(WARMUP, CONCURRENCY, (i) => send(N + i, planText(i), `warm-plan-${i}`));
  await drain();
  const checkIn = await measure(() => '签到', 'checkin');
  await drain();
  const plan = await measure(planText, 'plan');
  const posted = await app.db.weeklyPlan.count({ where: { postedAt: { not: null } } });
  const items = await app.db.planItem.count();
  if (posted !== N + WARMUP || items !== 4 * (N + WARMUP)) throw new Error(`expected ${N + WARMUP} plans of 4 items, got ${posted} plans and ${items} items`);
  const rssAfter = process.memoryUsage().rss;
  await app.stop();
  return { checkIn, plan, rssAfter };
}

/**
 * A street of COMMUNITIES communities of PEOPLE staff: week 48 with five items each and their
 * results, week 49 with two items carried over, a meeting task and three posted items (a tenth not
 * posted, one in twenty on leave for the whole week, a few plans edited and a few perfunctory).
 */
async function seedStreet(databaseUrl: string): Promise<void> {
  await migrateDatabase(databaseUrl);
  const db = createDb(databaseUrl);
  const now = new Date('2026-11-30T09:00:00+08:00');
  await db.$transaction(
    async (tx) => {
      const street = await tx.street.create({ data: { name: '压测街道' } });
      let personId = 0;
      let itemId = 0;
      let planId = 0;
      for (let c = 1; c <= COMMUNITIES; c++) {
        const community = await tx.community.create({ data: { name: `压测社区${c}`, streetId: street.id } });
        const people = Array.from({ length: PEOPLE }, () => ++personId);
        await tx.person.createMany({ data: people.map((id) => ({ id, name: `社工${id}`, rosterKey: `压测社区${c}/社工${id}`, communityId: community.id })) });
        await tx.personRole.createMany({ data: people.map((id, i) => ({ personId: id, role: i === 0 ? 'secretary' : 'staff' })) });
        await tx.binding.createMany({ data: people.map((id) => ({ personId: id, platform: 'sandbox', platformUserId: `u${id}` })) });
        const plans: { id: number; personId: number; communityId: number; week: string; postedAt: Date | null; changedAt: Date | null; perfunctory: boolean; resultsText: string | null; resultsAt: Date | null; carryAnswer: string | null; createdAt: Date }[] = [];
        const items: { id: number; planId: number; position: number; text: string; source: string; carriedFromId: number | null; result: string | null; addedAt: Date; removedAt: Date | null }[] = [];
        const revisions: { planId: number; kind: string; status: string; mode: string | null; text: string; items: string; at: Date; appliedAt: Date }[] = [];
        for (const [i, id] of people.entries()) {
          const last = ++planId;
          plans.push({ id: last, personId: id, communityId: community.id, week: '2026-W48', postedAt: now, changedAt: now, perfunctory: false, resultsText: '1 完成 2 未完成 3 完成一半 4 完成 5 完成', resultsAt: now, carryAnswer: 'carried', createdAt: now });
          const lastItems = Array.from({ length: 5 }, (_, k) => ({ id: ++itemId, planId: last, position: k + 1, text: `第${k + 1}项 走访${k + 3}栋独居老人`, source: 'posted', carriedFromId: null, result: ['done', 'undone', 'partial', 'done', 'done'][k]!, addedAt: now, removedAt: null }));
          items.push(...lastItems);
          revisions.push({ planId: last, kind: 'post', status: 'applied', mode: 'first', text: '周计划', items: '[]', at: now, appliedAt: now });
          const current = ++planId;
          const posted = i % 10 !== 9;
          plans.push({ id: current, personId: id, communityId: community.id, week: '2026-W49', postedAt: posted ? now : null, changedAt: now, perfunctory: i % 15 === 3, resultsText: null, resultsAt: null, carryAnswer: null, createdAt: now });
          items.push(
            { id: ++itemId, planId: current, position: 1, text: lastItems[1]!.text, source: 'carried', carriedFromId: lastItems[1]!.id, result: null, addedAt: now, removedAt: null },
            { id: ++itemId, planId: current, position: 2, text: lastItems[2]!.text, source: 'carried', carriedFromId: lastItems[2]!.id, result: null, addedAt: now, removedAt: null },
            { id: ++itemId, planId: current, position: 3, text: '完成低保复核', source: 'meeting', carriedFromId: null, result: null, addedAt: now, removedAt: null },
          );
          if (posted) {
            for (let k = 0; k < 3; k++) items.push({ id: ++itemId, planId: current, position: 4 + k, text: `本周第${k + 1}项 整理${k + 1}号台账`, source: 'posted', carriedFromId: null, result: null, addedAt: now, removedAt: null });
            revisions.push({ planId: current, kind: 'post', status: 'applied', mode: 'first', text: '周计划', items: '[]', at: now, appliedAt: now });
            if (i % 7 === 0) revisions.push({ planId: current, kind: 'post', status: 'applied', mode: 'replace', text: '周计划', items: '[]', at: now, appliedAt: now });
          }
        }
        await tx.weeklyPlan.createMany({ data: plans });
        await tx.planItem.createMany({ data: items });
        await tx.planRevision.createMany({ data: revisions });
        const away = people.filter((_, i) => i % 20 === 7);
        await tx.leaveRequest.createMany({
          data: away.map((id) => ({
            personId: id,
            communityId: community.id,
            streetId: street.id,
            type: '年休假',
            startAt: new Date('2026-11-30T08:00:00+08:00'),
            endAt: new Date('2026-12-04T16:30:00+08:00'),
            workMinutes: 5 * 420,
            reason: '休假',
            destination: '在家',
            status: 'approved',
            platform: 'sandbox',
            platformChatId: 'g-work',
            createdAt: now,
            decidedAt: now,
          })),
        });
      }
    },
    { timeout: 600_000 },
  );
  await db.$disconnect();
}

async function summaries(): Promise<{ loadMs: number; textMs: number; jobMs: number; messages: number; lines: number; peakRssMb: number }> {
  const databaseUrl = `file:${path.join(tempDir('shequ-bench-summary-'), 'bench.db')}`;
  await seedStreet(databaseUrl);
  const db = createDb(databaseUrl);
  const calendar = await loadCalendar(db);
  const isWorkday = (date: string) => calendar.isWorkday(date);
  const community = await db.community.findFirstOrThrow({ orderBy: { id: 'asc' } });
  let loadMs = Infinity;
  let textMs = Infinity;
  let lines = 0;
  for (let run = 0; run < RUNS; run++) {
    let started = performance.now();
    const rows = await db.$transaction((tx) => loadWeeks(tx, policy, community.id, ['2026-W49'], isWorkday));
    loadMs = Math.min(loadMs, performance.now() - started);
    started = performance.now();
    lines = summaryText(t, community.name, '2026-W49', rows).split('\n').length;
    textMs = Math.min(textMs, performance.now() - started);
  }
  const job = planJobs(policy, t).find((j) => j.name === 'plan-summary')!;
  let jobMs = Infinity;
  for (let run = 0; run < 2; run++) {
    await db.planSummary.deleteMany({});
    await db.outboxMessage.deleteMany({});
    const started = performance.now();
    await db.$transaction((tx) => runJob(tx, job, new Date('2026-11-30T17:00:00+08:00')), { timeout: 600_000 });
    jobMs = Math.min(jobMs, performance.now() - started);
  }
  const messages = await db.outboxMessage.count();
  await db.$disconnect();
  if (messages !== COMMUNITIES) throw new Error(`expected one summary per community, got ${messages}`);
  return { loadMs, textMs, jobMs, messages, lines, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

const e2e = await endToEnd();
const summary = await summaries();
const ms = (v: number) => `${v.toFixed(1)} ms`;
const result = { n: N, concurrency: CONCURRENCY, checkIn: e2e.checkIn, planPost: e2e.plan, checkInOverPlan: +(e2e.checkIn.perSecond / e2e.plan.perSecond).toFixed(2), summary };
process.stdout.write(
  [
    '',
    `weekly plans: N=${N}, concurrency=${CONCURRENCY}, the same bot and database (sandbox HTTP API → inbox → command → outbox commit)`,
    `  check-in           ${e2e.checkIn.perSecond}/s   p50 ${e2e.checkIn.p50} ms   p99 ${e2e.checkIn.p99} ms`,
    `  plan post (4 items) ${e2e.plan.perSecond}/s   p50 ${e2e.plan.p50} ms   p99 ${e2e.plan.p99} ms`,
    `  ratio check-in/plan ${result.checkInOverPlan}x   RSS after the run ${mb(e2e.rssAfter)}`,
    `deadline summary, week 49: ${COMMUNITIES} communities of ${PEOPLE} staff (6 items each, results, carry-over, meeting tasks, edits, leave)`,
    `  one community      load ${ms(summary.loadMs)}, text ${ms(summary.textMs)} (${summary.lines} lines; fastest of ${RUNS})`,
    `  the whole job      ${ms(summary.jobMs)} for ${COMMUNITIES * PEOPLE} people (${ms(summary.jobMs / COMMUNITIES)} a community), peak RSS ${summary.peakRssMb.toFixed(0)} MB`,
    JSON.stringify(result),
    '',
  ].join('\n'),
);
process.exit(0);
