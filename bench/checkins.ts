/**
 * `npm run bench`: check-ins through the sandbox HTTP API of the real bot (`bin/start.ts` in its own
 * process, as deployed), on SQLite and on PostgreSQL, in one run. For each database:
 * - the floor: the same check-ins as bare Prisma transactions (one check-in row + one outbox row),
 * - end to end, closed loop at BENCH_CONCURRENCY: throughput and its ratio to the floor,
 * - end to end, open loop at BENCH_RATE check-ins/s (arrivals on a schedule, latency counted from
 *   each scheduled arrival): p50 / p99,
 * - PostgreSQL only: the closed loop against two bot processes sharing the database, in BENCH_ROUNDS
 *   alternating pairs of one bot and two, with the median gain: first as they come (all of them on
 *   this machine's cores), then with each bot held to BENCH_INSTANCE_CPU of a core by a cgroup
 *   quota, as a container's CPU limit holds each instance of a deployment.
 * BENCH_CPU_PROF=dir writes a CPU profile of each bot process there and prints where its time went.
 * Absolute figures are noisy on shared machines; read the ratios, side by side.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createDb } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { tempDir } from '../test/helpers/app.ts';
import { startBotProcess, type BotProcess } from '../test/resilience/bot-process.ts';
import { cpuQuota, type CpuQuota } from './cpu-quota.ts';
import { machineCpuTicks, median, openLoop, percentile, pool, postgresCpuSeconds, processCpuSeconds, profileSummary, seedPeople } from './support.ts';

const N = Number(process.env.BENCH_N ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const OPEN_N = Number(process.env.BENCH_OPEN_N ?? 10 * RATE);
/** Pairs of closed loops, one bot then two, on PostgreSQL (at least one). */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
/**
 * The CPU limit of each bot in the scale-out rounds, in cores: by default two bots take a quarter of
 * the machine (half a core each on eight cores, a quarter on two), so PostgreSQL, which spends about
 * as much per check-in as a bot, and the load generator never run short and the bots' quotas decide.
 */
const INSTANCE_CPU = Number(process.env.BENCH_INSTANCE_CPU ?? os.cpus().length / 8);
const AT = '2026-11-23T07:55:00+08:00';
const POSTGRES_SERVER = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const PROFILE_DIR = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;
/**
 * Check-ins each bot takes before the measured ones, at the same concurrency. V8 goes on optimizing
 * the message path for thousands of check-ins: one bot's CPU per check-in fell from 5.7 ms over the
 * first 500 to 2.9 ms after 500 and to about 1.7 ms after 4,000, where it stayed. A bot in service
 * runs for days, so the bench measures it there; each instance warms up on its own.
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 4000);

type Kind = 'sqlite' | 'postgres';

const createdDatabases: string[] = [];

async function onServer<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function postgresReachable(): Promise<boolean> {
  return onServer(async () => true).catch(() => false);
}

/** A fresh, migrated database of the kind, with the bench's staff seeded. */
async function freshDatabase(kind: Kind, name: string, people: number): Promise<string> {
  let url: string;
  if (kind === 'sqlite') {
    url = `file:${path.join(tempDir('shequ-bench-'), `${name}.db`)}`;
  } else {
    const database = `shequ_bench_${process.pid}_${name}`;
    await onServer(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${database}" TEMPLATE template0 ENCODING 'UTF8'`);
    });
    createdDatabases.push(database);
    const server = new URL(POSTGRES_SERVER);
    server.pathname = `/${database}`;
    url = server.toString();
  }
  await migrateDatabase(url);
  await seedPeople(url, people);
  return url;
}

/**
 * node:http over kept-alive sockets rather than fetch: the load generator shares the machine's two
 * cores with the bots and PostgreSQL, and fetch spent about 1.5 ms of CPU on each request.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function checkIn(url: string, i: number): Promise<void> {
  const body = JSON.stringify({ chatId: 'g-work', userId: `u${i}`, text: '签到', id: `bench-${i}` });
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/sandbox/api/messages`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => ((response.statusCode ?? 0) >= 200 && (response.statusCode ?? 0) < 300 ? resolve() : reject(new Error(`check-in ${i} failed: ${response.statusCode} ${text}`))));
    });
    request.on('error', reject);
    request.end(body);
  });
}

interface Bot {
  process: BotProcess;
  /** The cgroup holding it to its CPU limit, if it has one. */
  quota: CpuQuota | null;
}

/** `count` bot processes on the database. */
async function startBots(databaseUrl: string, count: number, label: string): Promise<Bot[]> {
  const bots: Bot[] = [];
  for (let i = 0; i < count; i++) {
    const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.join(PROFILE_DIR, `${label}-${i}`)}`] : [];
    bots.push({ process: await startBotProcess({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', INSTANCE_ID: `bench-${label}-${i}` }, profile), quota: null });
  }
  for (const { process: bot } of bots) {
    const response = await fetch(`${bot.url}/sandbox/api/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: AT, frozen: true }) });
    if (!response.ok) throw new Error(`could not set the clock: ${await response.text()}`);
  }
  return bots;
}

/** Holds each bot to `cores` of a core from now on, each in a cgroup of its own. */
function holdTo(bots: Bot[], cores: number, label: string): void {
  bots.forEach((bot, i) => {
    const quota = cpuQuota(`shequ-bench-${process.pid}-${label}-${i}`, cores);
    if ('unavailable' in quota) throw new Error(quota.unavailable);
    quota.add(bot.process.child.pid!);
    bot.quota = quota;
  });
}

async function stopBots(bots: Bot[], label: string): Promise<string[] | null> {
  for (const bot of bots) {
    await bot.process.kill('SIGTERM');
    bot.quota?.remove();
  }
  if (!PROFILE_DIR) return null;
  const dir = path.join(PROFILE_DIR, `${label}-0`);
  const file = fs.readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  return file ? profileSummary(path.join(dir, file)) : null;
}

interface EndToEnd {
  perSecond: number;
  p50ms: number;
  p99ms: number;
  /** CPU the bot processes spent per check-in of the closed loop (all instances together). */
  botCpuMsPerCheckIn: number;
  /** The same for each instance (the platform's sender does more than the others). */
  botCpuMsPerInstance: number[];
  /** The share of the machine's CPU (all cores) in use during the closed loop. */
  machineBusy: number;
  /** Under CPU quotas: for each bot, the share of the closed loop's scheduling periods in which its quota ran out. */
  throttledPerInstance?: number[];
  /** CPU per check-in of the closed loop spent by the PostgreSQL server and by this load generator. */
  postgresCpuMsPerCheckIn: number | null;
  loadGeneratorCpuMsPerCheckIn: number;
  open?: { offeredPerSecond: number; achievedPerSecond: number; p50ms: number; p99ms: number };
  profile?: string[] | null;
}

/**
 * Check-ins through `instances` bot processes on one database: warm-up, then, each bot held to
 * `cores` of a core when given, the closed loop and (if asked) the open loop.
 */
async function endToEnd(kind: Kind, instances: number, withOpenLoop: boolean, cores: number | null = null): Promise<EndToEnd> {
  const label = `${kind}-${instances}${cores === null ? '' : '-capped'}`;
  const warmup = WARMUP * instances;
  const people = warmup + N + (withOpenLoop ? OPEN_N : 0);
  const databaseUrl = await freshDatabase(kind, `e2e_${instances}`, people);
  const bots = await startBots(databaseUrl, instances, label);
  const urls = bots.map((bot) => bot.process.url);
  const at = (i: number) => urls[i % urls.length]!;
  try {
    await pool(warmup, CONCURRENCY, (i) => checkIn(at(i), i));
    if (cores !== null) holdTo(bots, cores, label);
    const latencies: number[] = [];
    const cpuBefore = bots.map((bot) => processCpuSeconds(bot.process.child.pid!));
    const periodsBefore = bots.map((bot) => bot.quota?.periods() ?? { periods: 0, throttled: 0 });
    const machineBefore = machineCpuTicks();
    const postgresBefore = kind === 'postgres' ? postgresCpuSeconds() : 0;
    const generatorBefore = process.cpuUsage();
    const started = performance.now();
    await pool(N, CONCURRENCY, async (i) => {
      const t0 = performance.now();
      await checkIn(at(i), warmup + i);
      latencies.push(performance.now() - t0);
    });
    const seconds = (performance.now() - started) / 1000;
    const machineAfter = machineCpuTicks();
    const generator = process.cpuUsage(generatorBefore);
    const postgresCpu = kind === 'postgres' ? postgresCpuSeconds() - postgresBefore : null;
    const cpuEach = bots.map((bot, i) => processCpuSeconds(bot.process.child.pid!) - cpuBefore[i]!);
    const botCpu = cpuEach.reduce((sum, seconds) => sum + seconds, 0);
    latencies.sort((a, b) => a - b);
    const result: EndToEnd = {
      perSecond: Math.round(N / seconds),
      p50ms: +percentile(latencies, 50).toFixed(1),
      p99ms: +percentile(latencies, 99).toFixed(1),
      botCpuMsPerCheckIn: +((botCpu * 1000) / N).toFixed(2),
      botCpuMsPerInstance: cpuEach.map((seconds) => +((seconds * 1000) / N).toFixed(2)),
      machineBusy: +((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)).toFixed(2),
      postgresCpuMsPerCheckIn: postgresCpu === null ? null : +((postgresCpu * 1000) / N).toFixed(2),
      loadGeneratorCpuMsPerCheckIn: +((generator.user + generator.system) / 1000 / N).toFixed(2),
      ...(cores === null
        ? {}
        : {
            throttledPerInstance: bots.map((bot, i) => {
              const [before, after] = [periodsBefore[i]!, bot.quota!.periods()];
              return +((after.throttled - before.throttled) / Math.max(1, after.periods - before.periods)).toFixed(2);
            }),
          }),
    };
    if (withOpenLoop) {
      const openStarted = performance.now();
      const open = await openLoop(OPEN_N, RATE, (i) => checkIn(at(i), warmup + N + i));
      const openSeconds = (performance.now() - openStarted) / 1000;
      result.open = { offeredPerSecond: RATE, achievedPerSecond: Math.round(OPEN_N / openSeconds), p50ms: +percentile(open, 50).toFixed(1), p99ms: +percentile(open, 99).toFixed(1) };
    }
    const db = createDb(databaseUrl);
    const recorded = await db.checkIn.count();
    await db.$disconnect();
    if (recorded !== people) throw new Error(`${label}: expected ${people} check-ins, got ${recorded}`);
    result.profile = await stopBots(bots, label);
    return result;
  } catch (error) {
    await stopBots(bots, label).catch(() => null);
    throw error;
  }
}

interface Rounds {
  pairs: { one: number; two: number }[];
  gains: number[];
  median: number;
  /** The last pair's runs, for their CPU figures. */
  one: EndToEnd;
  two: EndToEnd;
}

/**
 * ROUNDS alternating closed loops of one bot and of two, each on a fresh database, every bot held to
 * `cores` when given; `first` (a run of one bot already made) stands for the first round's one bot.
 */
async function rounds(kind: Kind, cores: number | null, first?: EndToEnd): Promise<Rounds> {
  const pairs: { one: number; two: number }[] = [];
  let last: { one: EndToEnd; two: EndToEnd } | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    const one = round === 0 && first ? first : await endToEnd(kind, 1, false, cores);
    const two = await endToEnd(kind, 2, false, cores);
    pairs.push({ one: one.perSecond, two: two.perSecond });
    last = { one, two };
  }
  const gains = pairs.map((p) => +(p.two / p.one).toFixed(2));
  return { pairs, gains, median: median(gains), ...last! };
}

async function bareFloor(kind: Kind): Promise<number> {
  const databaseUrl = await freshDatabase(kind, 'floor', WARMUP + N);
  const db = createDb(databaseUrl);
  const people = await db.person.findMany({ select: { id: true, communityId: true }, orderBy: { id: 'asc' } });
  const at = new Date(AT);
  const transaction = (i: number) => {
    const person = people[i]!;
    return db.$transaction(async (tx) => {
      await tx.checkIn.create({
        data: { personId: person.id, communityId: person.communityId, officeDate: '2026-11-23', session: 'am', kind: 'in', at, status: 'on_time', platform: 'sandbox' },
      });
      await tx.outboxMessage.create({
        data: { platform: 'sandbox', platformChatId: 'g-work', payload: JSON.stringify({ chatId: 'g-work', text: '已签到' }), nextAttemptAt: new Date(), createdAt: at },
      });
    });
  };
  await pool(WARMUP, CONCURRENCY, (i) => transaction(i));
  const started = performance.now();
  await pool(N, CONCURRENCY, (i) => transaction(WARMUP + i));
  const seconds = (performance.now() - started) / 1000;
  await db.$disconnect();
  return Math.round(N / seconds);
}

/** BENCH_DATABASES=postgres (or sqlite) runs one of them; both by default, PostgreSQL where it is reachable. */
const asked = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',') as Kind[];
const kinds: Kind[] = asked.includes('postgres') && !(await postgresReachable()) ? asked.filter((k) => k !== 'postgres') : asked;
const lines = [`check-ins: N=${N} closed loop at concurrency ${CONCURRENCY}, open loop ${OPEN_N} at ${RATE}/s (sandbox HTTP API → bot process → inbox → command → outbox commit)`];
const results: Record<string, unknown> = {};
try {
  for (const kind of kinds) {
    const floor = await bareFloor(kind);
    const one = await endToEnd(kind, 1, true);
    const shared = kind === 'postgres' ? await rounds(kind, null, one) : null;
    // A quota made and removed at once: whether this machine lets the bench hold bots to one.
    const probe = kind === 'postgres' ? cpuQuota(`shequ-bench-${process.pid}-probe`, INSTANCE_CPU) : null;
    const quotaUnavailable = probe && 'unavailable' in probe ? probe.unavailable : null;
    if (probe && !('unavailable' in probe)) probe.remove();
    const capped = probe && !quotaUnavailable ? await rounds(kind, INSTANCE_CPU) : null;
    const ratio = +(floor / one.perSecond).toFixed(2);
    const bare = (run: EndToEnd) => ({ ...run, profile: undefined });
    results[kind] = {
      floorPerSecond: floor,
      endToEnd: bare(one),
      floorOverEndToEnd: ratio,
      ...(shared ? { twoInstances: bare(shared.two), rounds: shared.pairs, twoOverOneMedian: shared.median } : {}),
      ...(capped ? { instanceCpu: INSTANCE_CPU, capped: { one: bare(capped.one), two: bare(capped.two), rounds: capped.pairs, twoOverOneMedian: capped.median } } : {}),
    };
    lines.push(
      `${kind}:`,
      `  bare Prisma tx       ${floor}/s   (one check-in row + one outbox row each)`,
      `  end to end, 1 bot    ${one.perSecond}/s   p50 ${one.p50ms} ms   p99 ${one.p99ms} ms   ratio floor/e2e ${ratio}x   bot CPU ${one.botCpuMsPerCheckIn} ms/check-in, machine ${Math.round(one.machineBusy * 100)}% busy`,
      `  open loop ${RATE}/s     achieved ${one.open!.achievedPerSecond}/s   p50 ${one.open!.p50ms} ms   p99 ${one.open!.p99ms} ms`,
    );
    const elsewhere = (e: EndToEnd) => `  CPU per check-in elsewhere: ${e.postgresCpuMsPerCheckIn === null ? '' : `PostgreSQL ${e.postgresCpuMsPerCheckIn} ms, `}load generator ${e.loadGeneratorCpuMsPerCheckIn} ms`;
    lines.push(elsewhere(one));
    const roundsLine = (r: Rounds) => `  rounds, 1 bot / 2 bots: ${r.pairs.map((p) => `${p.one}/${p.two}`).join(', ')}/s   2 bots over 1: ${r.gains.join(', ')}, median ${r.median}x`;
    if (shared) {
      const two = shared.two;
      lines.push(
        `  end to end, 2 bots   ${two.perSecond}/s   p50 ${two.p50ms} ms   p99 ${two.p99ms} ms   bot CPU ${two.botCpuMsPerCheckIn} ms/check-in (${two.botCpuMsPerInstance.join(' + ')}), machine ${Math.round(two.machineBusy * 100)}% busy on ${os.cpus().length} cores`,
        elsewhere(two),
        roundsLine(shared),
      );
    }
    if (capped) {
      const busy = (run: EndToEnd) => `machine ${Math.round(run.machineBusy * 100)}% busy, quota ran out in ${run.throttledPerInstance!.map((share) => `${Math.round(share * 100)}%`).join(' + ')} of periods`;
      lines.push(
        `  scale-out, each bot held to ${INSTANCE_CPU} of a core (a cgroup CPU quota, as a container's CPU limit):`,
        `    1 bot    ${capped.one.perSecond}/s   p50 ${capped.one.p50ms} ms   p99 ${capped.one.p99ms} ms   bot CPU ${capped.one.botCpuMsPerCheckIn} ms/check-in   ${busy(capped.one)}`,
        `    2 bots   ${capped.two.perSecond}/s   p50 ${capped.two.p50ms} ms   p99 ${capped.two.p99ms} ms   bot CPU ${capped.two.botCpuMsPerCheckIn} ms/check-in (${capped.two.botCpuMsPerInstance.join(' + ')})   ${busy(capped.two)}`,
        `  ${elsewhere(capped.two)}`,
        `  ${roundsLine(capped)}`,
      );
    } else if (quotaUnavailable) {
      lines.push(`  scale-out at a fixed CPU per bot: skipped, ${quotaUnavailable}`);
    }
    if (one.profile) lines.push(`  CPU of the bot process (self time, ${kind}, one bot):`, ...one.profile.map((line) => `    ${line}`));
  }
  if (asked.includes('postgres') && !kinds.includes('postgres')) lines.push(`postgres: not reachable at ${POSTGRES_SERVER}, skipped`);
} finally {
  if (createdDatabases.length > 0) {
    await onServer(async (client) => {
      for (const name of createdDatabases) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  }
}
process.stdout.write(`${lines.join('\n')}\n${JSON.stringify(results)}\n`);
process.exit(0);
