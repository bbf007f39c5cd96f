/**
 * `npm run bench`, incident line: a burst of 50 reports in one minute through the sandbox HTTP API,
 * each timed from the report message to its case committed with every first notification in the
 * outbox (the reply, the emergency group, the person on duty, the secretary), beside a burst of 50
 * check-ins in the same process, on the same database, at the same minute. Read the ratio.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.ts';
import { loadEnv } from '../src/config/env.ts';
import { parsePolicy, office } from '../commands/index.ts';
import { createDb } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { SettableClock } from '../src/time/clock.ts';
import { tempDir } from '../test/helpers/app.ts';

const BURST = Number(process.env.BENCH_INCIDENT_BURST ?? 50);
const ROUNDS = Number(process.env.BENCH_INCIDENT_ROUNDS ?? 3);
const AT = new Date('2026-11-23T07:55:00+08:00');
const PLACES = ['3号楼2单元楼道冒烟', '幸福路口两车相撞 有人受伤', '5栋302和402 漏水吵起来了', '东门路灯坏了', '7号楼电梯困人', '菜市场门口有人打架'];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const people = BURST * (ROUNDS + 1);

async function seed(databaseUrl: string): Promise<void> {
  const db = createDb(databaseUrl);
  await db.$transaction(
    async (tx) => {
      const community = await tx.community.create({ data: { name: '压测社区' } });
      for (const [id, purpose] of [['g-work', 'work'], ['g-emergency', 'emergency'], ['g-residents', 'resident']] as const) {
        await tx.chat.create({ data: { platform: 'sandbox', platformChatId: id, kind: 'group', title: id, purpose, communityId: community.id } });
      }
      for (const [name, role] of [['值班员', 'staff'], ['书记', 'secretary']] as const) {
        const person = await tx.person.create({ data: { name, rosterKey: `community:压测社区:${name}`, communityId: community.id } });
        await tx.personRole.create({ data: { personId: person.id, role } });
        await tx.binding.create({ data: { personId: person.id, platform: 'sandbox', platformUserId: name } });
      }
      for (let i = 0; i < people; i++) {
        const person = await tx.person.create({ data: { name: `社工${i}`, rosterKey: `community:压测社区:社工${i}`, communityId: community.id } });
        await tx.personRole.create({ data: { personId: person.id, role: 'staff' } });
        await tx.binding.create({ data: { personId: person.id, platform: 'sandbox', platformUserId: `u${i}` } });
      }
    },
    { timeout: 600_000 },
  );
  await db.$disconnect();
}

const databaseUrl = `file:${path.join(tempDir('shequ-bench-'), 'incidents.db')}`;
await migrateDatabase(databaseUrl);
await seed(databaseUrl);
const env = loadEnv({ DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'silent', SANDBOX: 'on', DEMO_DATA: 'off' });
const app = await createApp({ env, office, policy: parsePolicy({ duty: { rotations: [{ name: '值班', community: '压测社区', shifts: ['full'], people: ['值班员'], every: 'day', start: '2026-11-01', days: ['workday', 'restday', 'holiday'] }] } }), clock: new SettableClock(AT, { frozen: true }) });
const url = await app.start();

async function send(id: string, chatId: string, userId: string, text: string): Promise<void> {
  const response = await fetch(`${url}/sandbox/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chatId, userId, text, id }) });
  if (!response.ok) throw new Error(`${id} failed: ${response.status} ${await response.text()}`);
}

/** All at once: the burst of one minute. Returns each message's latency. */
async function burst(count: number, message: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const t0 = performance.now();
      await message(i);
      latencies.push(performance.now() - t0);
    }),
  );
  return latencies;
}

const report = (round: number) => (i: number) => send(`r-${round}-${i}`, i % 2 === 0 ? 'g-work' : 'g-residents', `u${round * BURST + i}`, `上报 ${PLACES[i % PLACES.length]}`);
const checkIn = (round: number) => (i: number) => send(`c-${round}-${i}`, 'g-work', `u${round * BURST + i}`, '签到');

// Warm-up round 0 of each: the first burst after a start pays for query compilation.
await burst(BURST, report(0));
await burst(BURST, checkIn(0));
const reports: number[] = [];
const checkIns: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  reports.push(...(await burst(BURST, report(round))));
  checkIns.push(...(await burst(BURST, checkIn(round))));
}
// Every report answered, and each with its first notices committed: group, duty, secretary.
const cases = await app.db.incident.count();
const notices = await app.db.outboxMessage.count({ where: { subject: { endsWith: ':notice' } } });
if (cases !== BURST * (ROUNDS + 1) || notices < 3 * cases - cases / 2) throw new Error(`expected ${BURST * (ROUNDS + 1)} cases with their notices, got ${cases} cases and ${notices} notices`);
await app.stop();

reports.sort((a, b) => a - b);
checkIns.sort((a, b) => a - b);
const result = {
  burst: BURST,
  rounds: ROUNDS,
  report: { p50ms: +percentile(reports, 50).toFixed(1), p99ms: +percentile(reports, 99).toFixed(1) },
  checkIn: { p50ms: +percentile(checkIns, 50).toFixed(1), p99ms: +percentile(checkIns, 99).toFixed(1) },
  reportOverCheckIn: { p50: +(percentile(reports, 50) / percentile(checkIns, 50)).toFixed(2), p99: +(percentile(reports, 99) / percentile(checkIns, 99)).toFixed(2) },
};
process.stdout.write(
  [
    `incidents: bursts of ${BURST} in one minute, ${ROUNDS} rounds (report → case + reply + group, duty and secretary notices committed)`,
    `  report     p50 ${result.report.p50ms} ms   p99 ${result.report.p99ms} ms`,
    `  check-in   p50 ${result.checkIn.p50ms} ms   p99 ${result.checkIn.p99ms} ms   (same burst, same run)`,
    `  ratio      report/check-in p50 ${result.reportOverCheckIn.p50}x, p99 ${result.reportOverCheckIn.p99}x`,
    JSON.stringify(result),
    '',
  ].join('\n'),
);
process.exit(0);
