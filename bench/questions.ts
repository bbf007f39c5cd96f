/**
 * `npm run bench`, alerts line. (1) Bursts of 50 residents' questions at once through the sandbox
 * HTTP API, each timed from the question to its row, the reply and the work-group post committed,
 * beside bursts of 50 check-ins in the same process and database: read the ratio. (2) The approval
 * of one alert to a community of 60 resident groups: 同意 until the alert is committed as a notice
 * with its 62 delivery rows and their outbox rows, beside one check-in.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.ts';
import { loadEnv } from '../src/config/env.ts';
import { defaultPolicy, office } from '../commands/index.ts';
import { createDb } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { SettableClock } from '../src/time/clock.ts';
import { tempDir } from '../test/helpers/app.ts';
import { percentile, seedPeople } from './support.ts';

const BURST = Number(process.env.BENCH_QUESTION_BURST ?? 50);
const ROUNDS = Number(process.env.BENCH_QUESTION_ROUNDS ?? 3);
const GROUPS = Number(process.env.BENCH_ALERT_GROUPS ?? 60);
const AT = new Date('2026-11-23T07:55:00+08:00');
const QUESTIONS = ['停水到几点？', '3栋电梯什么时候修好', '老年证在哪里办', '明天还停电吗？', '物业电话是多少？'];

const databaseUrl = `file:${path.join(tempDir('shequ-bench-'), 'questions.db')}`;
migrateDatabase(databaseUrl);
await seedPeople(databaseUrl, BURST * (ROUNDS + 1) + 1);
const db = createDb(databaseUrl);
const community = await db.community.findUniqueOrThrow({ where: { name: '压测社区' } });
const street = await db.street.create({ data: { name: '压测街道' } });
await db.community.update({ where: { id: community.id }, data: { streetId: street.id } });
for (let i = 0; i < GROUPS; i++) await db.chat.create({ data: { platform: 'sandbox', platformChatId: `g-res-${i}`, kind: 'group', title: `居民群${i}`, purpose: 'resident', communityId: community.id } });
await db.chat.create({ data: { platform: 'sandbox', platformChatId: 'g-emergency', kind: 'group', title: '应急群', purpose: 'emergency', communityId: community.id } });
const secretary = await db.person.create({ data: { name: '书记', rosterKey: 'community:压测社区:书记', communityId: community.id, streetId: street.id } });
await db.personRole.create({ data: { personId: secretary.id, role: 'secretary' } });
await db.binding.create({ data: { personId: secretary.id, platform: 'sandbox', platformUserId: 'secretary' } });
await db.$disconnect();

const env = loadEnv({ DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'silent', SANDBOX: 'on', DEMO_DATA: 'off' });
const app = await createApp({ env, office, policy: defaultPolicy(), clock: new SettableClock(AT, { frozen: true }) });
const url = await app.start();

async function send(id: string, chatId: string, userId: string, text: string): Promise<number> {
  const t0 = performance.now();
  const response = await fetch(`${url}/sandbox/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chatId, userId, text, id }) });
  if (!response.ok) throw new Error(`${id} failed: ${response.status} ${await response.text()}`);
  return performance.now() - t0;
}

const burst = (count: number, message: (i: number) => Promise<number>) => Promise.all(Array.from({ length: count }, (_, i) => message(i)));
const question = (round: number) => (i: number) => send(`q-${round}-${i}`, `g-res-${i % GROUPS}`, `resident-${round}-${i}`, `@社区助手 ${QUESTIONS[i % QUESTIONS.length]}`);
const checkIn = (round: number) => (i: number) => send(`c-${round}-${i}`, 'g-work', `u${round * BURST + i}`, '签到');

// Round 0 warms up: the first burst after a start pays for query compilation.
await burst(BURST, question(0));
await burst(BURST, checkIn(0));
const questions: number[] = [];
const checkIns: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  questions.push(...(await burst(BURST, question(round))));
  checkIns.push(...(await burst(BURST, checkIn(round))));
}
const filed = await app.db.residentQuestion.count();
if (filed !== BURST * (ROUNDS + 1)) throw new Error(`expected ${BURST * (ROUNDS + 1)} questions, got ${filed}`);

const alert = ['发布预警', '名称:暴雨红色预警', '类型:气象灾害', '级别:红色', '区域:全社区', '时间:今天12:00至明天20:00', '影响:低洼路段积水', '措施:减少外出', '发布单位:街道应急办'].join('\n');
await send('a-1', 'g-work', 'u0', alert);
const approveMs = await send('a-2', 'g-work', 'secretary', '同意 预警#1');
const oneCheckInMs = await send('a-3', 'g-work', `u${BURST * (ROUNDS + 1)}`, '签到');
const deliveries = await app.db.noticeDelivery.count();
if (deliveries !== GROUPS + 2) throw new Error(`expected ${GROUPS + 2} delivery rows, got ${deliveries}`);
await app.stop();

questions.sort((a, b) => a - b);
checkIns.sort((a, b) => a - b);
const result = {
  burst: BURST,
  rounds: ROUNDS,
  question: { p50ms: +percentile(questions, 50).toFixed(1), p99ms: +percentile(questions, 99).toFixed(1) },
  checkIn: { p50ms: +percentile(checkIns, 50).toFixed(1), p99ms: +percentile(checkIns, 99).toFixed(1) },
  questionOverCheckIn: { p50: +(percentile(questions, 50) / percentile(checkIns, 50)).toFixed(2), p99: +(percentile(questions, 99) / percentile(checkIns, 99)).toFixed(2) },
  alertApproval: { groups: GROUPS + 2, ms: +approveMs.toFixed(1), checkInMs: +oneCheckInMs.toFixed(1), ratio: +(approveMs / oneCheckInMs).toFixed(2) },
};
process.stdout.write(
  [
    `questions: bursts of ${BURST} residents' questions, ${ROUNDS} rounds (question → row + reply + work-group post committed)`,
    `  question   p50 ${result.question.p50ms} ms   p99 ${result.question.p99ms} ms`,
    `  check-in   p50 ${result.checkIn.p50ms} ms   p99 ${result.checkIn.p99ms} ms   (same burst, same run)`,
    `  ratio      question/check-in p50 ${result.questionOverCheckIn.p50}x, p99 ${result.questionOverCheckIn.p99}x`,
    `alert approval: 同意 → the alert committed as a notice to ${GROUPS + 2} chats: ${result.alertApproval.ms} ms (one check-in ${result.alertApproval.checkInMs} ms, ${result.alertApproval.ratio}x)`,
    JSON.stringify(result),
    '',
  ].join('\n'),
);
process.exit(0);
