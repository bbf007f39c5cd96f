/**
 * `npm run bench` (second part): the monthly attendance report for N people × 2 sessions × November
 * 2026. Each N is seeded by one child process and measured by another, so peak memory is the report's
 * own: the real path of `shequ report attendance` (the ledger's loader, its JSON, the pipeline's streamed XLSX),
 * then the pure classification alone.
 * Prints how time and memory grow from 100 to 1,000 to 5,000 people, next to the growth in people.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { attendanceLedger } from '../commands/attendance/ledger/ledger.ts';
import type { LedgerContext } from '../src/ledger/ledger.ts';
import { parsePeriod } from '../src/ledger/period.ts';
import { writeLedgerXlsx } from '../src/ledger/xlsx.ts';
import { officialCalendar } from '../src/calendar/official.ts';
import { defaultPolicy, translate } from '../commands/index.ts';
import { createDb } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import type { Punch } from '../commands/attendance/rules/attendance.ts';
import { buildAttendanceReport } from '../commands/attendance/rules/attendance-report.ts';
import { OfficeCalendar } from '../src/calendar/office-calendar.ts';
import { tempDir } from '../test/helpers/app.ts';

const SIZES = (process.env.BENCH_REPORT_SIZES ?? '100,1000,5000').split(',').map(Number);
/** Runs per size; the fastest is kept, since a shared machine only ever adds time. */
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 2);
const MONTH = '2026-11';
const NOW = new Date('2026-12-01T09:00:00+08:00');
const PEOPLE_PER_COMMUNITY = 50;
const policy = defaultPolicy();
const days = new OfficeCalendar(officialCalendar(), []).month(MONTH);
const workdays = days.filter((d) => d.kind === 'workday' || d.kind === 'makeup_workday');

/** A month of plausible punches: mostly on time, some late, some early check-outs, a few missing. */
function punchesFor(personId: number): Punch[] {
  const punches: Punch[] = [];
  let seed = personId * 7919;
  const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (const day of workdays) {
    for (const [start, end] of [
      ['08:00', '11:30'],
      ['13:00', '16:30'],
    ] as const) {
      if (random() < 0.03) continue;
      const minutes = Math.floor(random() * 20) - 15;
      const base = new Date(`${day.date}T${start}:00+08:00`).getTime();
      punches.push({ personId, officeDate: day.date, kind: 'in', at: new Date(base + minutes * 60_000) });
      if (random() < 0.5) {
        const leave = new Date(`${day.date}T${end}:00+08:00`).getTime() + (Math.floor(random() * 30) - 5) * 60_000;
        punches.push({ personId, officeDate: day.date, kind: 'out', at: new Date(leave) });
      }
    }
  }
  return punches;
}

const people = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `社工${i + 1}`, grid: null, community: `社区${Math.floor(i / PEOPLE_PER_COMMUNITY) + 1}` }));

async function seed(databaseUrl: string, n: number): Promise<void> {
  await migrateDatabase(databaseUrl);
  const db = createDb(databaseUrl);
  try {
    await db.$transaction(
      async (tx) => {
        const communities = Math.ceil(n / PEOPLE_PER_COMMUNITY);
        await tx.community.createMany({ data: Array.from({ length: communities }, (_, i) => ({ id: i + 1, name: `社区${i + 1}` })) });
        const list = people(n);
        await tx.person.createMany({
          data: list.map((p) => ({ id: p.id, name: p.name, rosterKey: `${p.community}/${p.name}`, communityId: Math.floor((p.id - 1) / PEOPLE_PER_COMMUNITY) + 1 })),
        });
        await tx.personRole.createMany({ data: list.map((p) => ({ personId: p.id, role: 'staff' })) });
        const rows = list.flatMap((p) =>
          punchesFor(p.id).map((punch, i) => ({
            personId: p.id,
            communityId: Math.floor((p.id - 1) / PEOPLE_PER_COMMUNITY) + 1,
            officeDate: punch.officeDate,
            // Unique per person, day, session and kind; the report assigns punches by time, not by this id.
            session: `s${i}`,
            kind: punch.kind,
            at: punch.at,
            status: 'on_time',
            platform: 'sandbox',
          })),
        );
        for (let i = 0; i < rows.length; i += 2_000) await tx.checkIn.createMany({ data: rows.slice(i, i + 2_000) });
      },
      { timeout: 600_000 },
    );
  } finally {
    await db.$disconnect();
  }
}

interface Measure {
  people: number;
  sessions: number;
  pureMs: number;
  loadMs: number;
  jsonMs: number;
  xlsxMs: number;
  baseRssMb: number;
  peakRssMb: number;
}

/** The real path: SQLite read + classification, JSON, streamed XLSX; the report is garbage once it returns. */
async function measureReal(n: number, dir: string): Promise<Omit<Measure, 'pureMs'>> {
  const db = createDb(`file:${path.join(dir, 'bench.db')}`);
  try {
    await db.person.count();
    const baseRssMb = process.memoryUsage().rss / 1024 / 1024;
    let started = performance.now();
    const context: LedgerContext = { policy, t: translate('zh-CN'), period: parsePeriod({ month: MONTH }, 'month', policy.timezone), community: null, now: NOW };
    const report = await db.$transaction(async (tx) => attendanceLedger.load(tx, context), { timeout: 600_000 });
    const loadMs = performance.now() - started;
    if (report.people.length !== n) throw new Error(`expected ${n} people in the report`);
    started = performance.now();
    JSON.stringify(attendanceLedger.json(report, context));
    const jsonMs = performance.now() - started;
    started = performance.now();
    await writeLedgerXlsx(attendanceLedger, report, context, path.join(dir, 'report.xlsx'));
    const xlsxMs = performance.now() - started;
    const sessions = report.people.reduce((sum, p) => sum + p.totals.sessions, 0);
    return { people: n, sessions, loadMs, jsonMs, xlsxMs, baseRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  } finally {
    await db.$disconnect();
  }
}

/** The pure classification alone, over in-memory data. */
function measurePure(n: number): number {
  const list = people(n);
  const punches = list.flatMap((p) => punchesFor(p.id));
  const started = performance.now();
  buildAttendanceReport({ policy, days, people: list, punches, leaves: [], exceptions: [], whereabouts: [], discretionary: new Map(), now: NOW });
  return performance.now() - started;
}

/** One size, in a child process that only reads: the real path first (so the peak RSS is its own), then the pure part. */
async function measure(n: number, dir: string): Promise<Measure> {
  const real = await measureReal(n, dir);
  return { ...real, pureMs: measurePure(n) };
}

function child(args: string[]): string {
  const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } });
  if (run.status !== 0) throw new Error(`bench child ${args.join(' ')} failed:\n${run.stderr}`);
  return run.stdout.trim().split('\n').at(-1) ?? '';
}

async function main(): Promise<void> {
  const [mode, size, dir] = process.argv.slice(2);
  if (mode === '--seed') return seed(`file:${path.join(dir!, 'bench.db')}`, Number(size));
  if (mode === '--measure') {
    process.stdout.write(`${JSON.stringify(await measure(Number(size), dir!))}\n`);
    return;
  }
  const results: Measure[] = [];
  for (const n of SIZES) {
    const where = tempDir('shequ-bench-report-');
    child(['--seed', String(n), where]);
    const runs = Array.from({ length: RUNS }, () => JSON.parse(child(['--measure', String(n), where])) as Measure);
    results.push(runs.reduce((best, r) => (r.loadMs + r.jsonMs + r.xlsxMs < best.loadMs + best.jsonMs + best.xlsxMs ? r : best)));
  }
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  console.log(`\nattendance report, ${MONTH} (${workdays.length} workdays × 2 sessions), each size in a fresh process, fastest of ${RUNS}`);
  console.log('people  sessions  pure classify  load+classify  JSON     XLSX      total    peak RSS  (RSS before)');
  for (const r of results) {
    const total = r.loadMs + r.jsonMs + r.xlsxMs;
    console.log(
      `${String(r.people).padStart(6)}  ${String(r.sessions).padStart(8)}  ${ms(r.pureMs).padStart(13)}  ${ms(r.loadMs).padStart(13)}  ${ms(r.jsonMs).padStart(7)}  ${ms(r.xlsxMs).padStart(8)}  ${ms(total).padStart(8)}  ${`${r.peakRssMb.toFixed(0)} MB`.padStart(8)}  (${r.baseRssMb.toFixed(0)} MB)`,
    );
  }
  console.log('\ngrowth between sizes (linear = the people ratio; below it is better than linear)');
  for (let i = 1; i < results.length; i++) {
    const [a, b] = [results[i - 1]!, results[i]!];
    const total = (r: Measure) => r.loadMs + r.jsonMs + r.xlsxMs;
    const extra = (r: Measure) => r.peakRssMb - r.baseRssMb;
    const people = b.people / a.people;
    const time = total(b) / total(a);
    const memory = extra(b) / Math.max(1, extra(a));
    console.log(
      `${a.people} → ${b.people}: people ×${people.toFixed(1)}, total time ×${time.toFixed(2)}, pure classify ×${(b.pureMs / a.pureMs).toFixed(2)}, ` +
        `memory above start ×${memory.toFixed(2)} — ${time <= people * 1.2 && memory <= people * 1.2 ? 'linear or better' : 'FASTER THAN LINEAR'}`,
    );
  }
}

await main();
