/** What the benches share: a concurrency pool, open-loop arrivals, percentiles and medians, a CPU profile's summary, and a community of bound staff in one work group. */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDb } from '../src/db/client.ts';

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : +((sorted[middle - 1]! + sorted[middle]!) / 2).toFixed(2);
};
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function pool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/**
 * Open-loop arrivals: task i starts at its scheduled time whether or not earlier ones have finished,
 * and its latency counts from that scheduled time (a late start is the system's delay too).
 * Returns the latencies, sorted.
 */
export async function openLoop(count: number, perSecond: number, task: (index: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  const start = performance.now() + 20;
  await Promise.all(
    Array.from(
      { length: count },
      (_, i) =>
        new Promise<void>((resolve, reject) => {
          const at = start + (i * 1000) / perSecond;
          setTimeout(() => {
            task(i).then(() => {
              latencies.push(performance.now() - at);
              resolve();
            }, reject);
          }, Math.max(0, at - performance.now()));
        }),
    ),
  );
  return latencies.sort((a, b) => a - b);
}

/** 压测社区 with `count` staff 社工0… bound as sandbox users u0…, and its work group g-work. */
export async function seedPeople(databaseUrl: string, count: number): Promise<void> {
  const db = createDb(databaseUrl);
  await db.$transaction(
    async (tx) => {
      const community = await tx.community.create({ data: { name: '压测社区' } });
      await tx.chat.create({ data: { platform: 'sandbox', platformChatId: 'g-work', kind: 'group', title: '压测工作群', purpose: 'work', communityId: community.id } });
      const names = Array.from({ length: count }, (_, i) => `社工${i}`);
      for (let from = 0; from < count; from += 1000) {
        await tx.person.createMany({ data: names.slice(from, from + 1000).map((name) => ({ name, rosterKey: `community:压测社区:${name}`, communityId: community.id })) });
      }
      const people = await tx.person.findMany({ where: { communityId: community.id }, select: { id: true, name: true } });
      const ids = new Map(people.map((p) => [p.name, p.id]));
      for (let from = 0; from < count; from += 1000) {
        const slice = names.slice(from, from + 1000).map((name, k) => ({ personId: ids.get(name)!, index: from + k }));
        await tx.personRole.createMany({ data: slice.map(({ personId }) => ({ personId, role: 'staff' })) });
        await tx.binding.createMany({ data: slice.map(({ personId, index }) => ({ personId, platform: 'sandbox', platformUserId: `u${index}` })) });
      }
    },
    { timeout: 600_000 },
  );
  await db.$disconnect();
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Where a module lives, for a profile summary: a package, node's own, or a folder of ours. */
function owner(url: string, functionName: string): string {
  if (url.includes('node_modules/')) {
    const parts = url.split('node_modules/').pop()!.split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return 'node (http, streams, timers)';
  if (url.startsWith('wasm:')) return "prisma's query compiler (wasm)";
  if (url === '') return `(${functionName || 'native'})`;
  const relative = url.replace(/^file:\/\//, '');
  return path.relative(path.resolve(import.meta.dirname, '..'), relative).split('/').slice(0, 2).join('/');
}

/** Self time of a `--cpu-prof` profile by package or folder, largest first, as "share name" lines. */
export function profileSummary(file: string, top = 12): string[] {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byOwner = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)!.callFrame;
    const delta = profile.timeDeltas[i] ?? 0;
    const key = owner(frame.url, frame.functionName);
    byOwner.set(key, (byOwner.get(key) ?? 0) + delta);
    total += delta;
  });
  return [...byOwner.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, micros]) => `${((micros / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
}

/** CPU seconds a process has used (user + system), from /proc: Linux counts them in USER_HZ, 100 a second. */
export function processCpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * CPU seconds the PostgreSQL server's processes have used so far (their backends live as long as the
 * bots' pooled connections, so a loop's difference is the server's share of it).
 */
export function postgresCpuSeconds(): number {
  let seconds = 0;
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.includes(' (postgres) ')) seconds += processCpuSeconds(Number(pid));
    } catch {
      // The process ended meanwhile.
    }
  }
  return seconds;
}

/** The whole machine's CPU time so far, busy and in all, summed over its cores (USER_HZ ticks). */
export function machineCpuTicks(): { busy: number; total: number } {
  const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const values = ticks.map(Number);
  const idle = values[3]! + (values[4] ?? 0);
  const total = values.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}
