/**
 * `npm run bench`, duty rosters: who is on duty at an instant over a year of generated shifts, and
 * the morning post for many communities, each beside the check-in floor measured in the same process
 * (one check-in row + one outbox row as a bare Prisma transaction). Read the ratios; absolute times
 * are noisy on a shared machine.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parsePolicy, translate } from '../commands/index.ts';
import { createDb, type Db } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { ensureRoster } from '../commands/duty/generate.ts';
import { onDutyAt } from '../commands/duty/on-duty.ts';
import { morningPosts } from '../commands/duty/jobs/posts.ts';
import { Outbox } from '../src/messaging/outbox.ts';
import { tempDir } from '../test/helpers/app.ts';

const QUERIES = Number(process.env.BENCH_DUTY_QUERIES ?? 2000);
const COMMUNITIES = (process.env.BENCH_DUTY_COMMUNITIES ?? '10,100').split(',').map(Number);
const STAFF = 6;
const YEAR_START = '2026-01-01';
const t = translate('zh-CN');
const policy = parsePolicy({
  duty: {
    // 24小时双人双岗 every day plus a 白班 on workdays, over every community's 社工, and a weekly leader.
    rotations: [
      { name: '双岗', shifts: ['full'], seats: 2, people: 'staff', start: YEAR_START, days: ['workday', 'restday', 'holiday'] },
      { name: '白班', shifts: ['day'], people: 'staff', start: YEAR_START, days: ['workday'] },
    ],
    leaders: [{ people: 'staff', every: 'week', start: YEAR_START }],
  },
});

async function seed(db: Db, communities: number): Promise<number[]> {
  const ids: number[] = [];
  await db.$transaction(
    async (tx) => {
      for (let c = 0; c < communities; c++) {
        const community = await tx.community.create({ data: { name: `压测社区${c}` } });
        ids.push(community.id);
        await tx.chat.create({ data: { platform: 'sandbox', platformChatId: `g-${c}`, kind: 'group', title: `工作群${c}`, purpose: 'work', communityId: community.id } });
        for (let i = 0; i < STAFF; i++) {
          const person = await tx.person.create({ data: { name: `社工${c}-${i}`, rosterKey: `community:压测社区${c}:社工${i}`, communityId: community.id } });
          await tx.personRole.create({ data: { personId: person.id, role: 'staff' } });
          await tx.binding.create({ data: { personId: person.id, platform: 'sandbox', platformUserId: `u${c}-${i}` } });
        }
      }
    },
    { timeout: 600_000 },
  );
  return ids;
}

async function freshDb(): Promise<Db> {
  const url = `file:${path.join(tempDir('shequ-bench-duty-'), 'bench.db')}`;
  await migrateDatabase(url);
  return createDb(url);
}

/** The check-in floor: N bare transactions of one check-in row and one outbox row. */
async function checkInFloor(db: Db, personId: number, n: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    await db.$transaction(async (tx) => {
      await tx.checkIn.create({ data: { personId, officeDate: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, session: `s${i}`, kind: 'in', at: new Date(), status: 'on_time', platform: 'sandbox' } });
      await tx.outboxMessage.create({ data: { platform: 'sandbox', platformChatId: 'g-0', payload: '{}', nextAttemptAt: new Date(), createdAt: new Date() } });
    });
  }
  return (performance.now() - started) / n;
}

async function whoIsOnDuty(): Promise<void> {
  const db = await freshDb();
  const [community] = await seed(db, 1);
  const generateStart = performance.now();
  await db.$transaction((tx) => ensureRoster(tx, policy, community!, YEAR_START, '2026-12-31', new Date('2025-12-31T00:00:00+08:00')), { timeout: 600_000 });
  const generateMs = performance.now() - generateStart;
  const seats = await db.dutySeat.count();
  const year = new Date('2026-01-01T00:00:00+08:00').getTime();
  const span = 364 * 24 * 3600_000;
  // Warm-up: query compilation is start-up cost.
  for (let i = 0; i < 50; i++) await db.$transaction((tx) => onDutyAt(tx, policy, community!, new Date(year + ((i * 7919) % span))));
  const latencies: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const at = new Date(year + Math.floor(((i * 2654435761) % 1_000_003) / 1_000_003 * span));
    const started = performance.now();
    await db.$transaction((tx) => onDutyAt(tx, policy, community!, at));
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
  const person = (await db.person.findFirstOrThrow()).id;
  const floor = await checkInFloor(db, person, QUERIES);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(2);
  console.log(`duty: a year generated for one community: ${seats} seats in ${(generateMs / 1000).toFixed(2)} s`);
  console.log(`duty: who is on duty at an instant (${QUERIES} instants over the year): mean ${mean.toFixed(2)} ms, p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`);
  console.log(`duty:   check-in floor (check-in + outbox row, same process): ${floor.toFixed(2)} ms; who-is-on-duty / floor = ${(mean / floor).toFixed(2)}`);
  await db.$disconnect();
}

async function morningPost(communities: number): Promise<{ perCommunity: number; floor: number }> {
  const db = await freshDb();
  const ids = await seed(db, communities);
  const now = new Date('2026-11-24T07:30:00+08:00');
  // The roster ahead as the hourly job leaves it, so the post measures the post.
  await db.$transaction(async (tx) => {
    for (const id of ids) await ensureRoster(tx, policy, id, '2026-11-23', '2026-12-31', now, 'reconcile');
  }, { timeout: 600_000 });
  const started = performance.now();
  const out = new Outbox();
  await db.$transaction(async (tx) => {
    for (const id of ids) await morningPosts(tx, policy, t, id, now, out);
  }, { timeout: 600_000 });
  const elapsed = performance.now() - started;
  // Written after the clock stopped: the post is measured, not the rows.
  await db.$transaction((tx) => out.write(tx, now), { timeout: 600_000 });
  const posts = await db.outboxMessage.count();
  if (posts !== communities) throw new Error(`expected ${communities} posts, got ${posts}`);
  const person = (await db.person.findFirstOrThrow()).id;
  const floor = await checkInFloor(db, person, 500);
  await db.$disconnect();
  return { perCommunity: elapsed / communities, floor };
}

await whoIsOnDuty();
for (const n of COMMUNITIES) {
  const { perCommunity, floor } = await morningPost(n);
  console.log(`duty: the 07:30 post for ${n} communities: ${(perCommunity * n).toFixed(0)} ms, ${perCommunity.toFixed(2)} ms a community; per community / check-in floor = ${(perCommunity / floor).toFixed(1)}`);
}
