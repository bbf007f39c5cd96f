import type { Policy } from '../../../src/config/policy.ts';
import { OFFICE_STAFF } from '../../../src/core/roles.ts';
import type { Tx } from '../../../src/db/client.ts';
import { parseTask, type MinutesTask, type ParsedMinutes } from '../rules/minutes.ts';
import { weekOf } from '../rules/week.ts';
import { addItems, ensurePlan, itemKey, reassess } from './plans.ts';

/**
 * The minutes of an office meeting: recorded with their decisions and tasks; each task a colleague
 * is named for lands in that person's plan for the week it is due (else the meeting's week), and
 * so in the next Monday's review. A second record for the same date supersedes the first: its
 * tasks that are gone leave the plans, those kept stay the same items.
 */

export interface AssignedTask {
  personId: number;
  name: string;
  text: string;
  due: string | null;
  week: string;
  /** False when the person's plan already had it (an unchanged task of a superseded record). */
  added: boolean;
}

export interface MinutesOutcome {
  id: number;
  date: string;
  assigned: AssignedTask[];
  /** Task lines no colleague could be found for. */
  unassigned: MinutesTask[];
  superseded: boolean;
}

interface Colleague {
  id: number;
  name: string;
  communityId: number | null;
}

/** The colleague a task is for: its name as written, else a colleague's name the line starts with. */
function resolve(task: MinutesTask, colleagues: readonly Colleague[], date: string): { colleague: Colleague; task: MinutesTask } | null {
  const named = task.name ? colleagues.find((c) => c.name === task.name) : undefined;
  if (named) return { colleague: named, task };
  const line = task.line.replace(/^@/, '');
  const byLength = [...colleagues].sort((a, b) => b.name.length - a.name.length);
  const prefix = byLength.find((c) => line.startsWith(c.name) && line.length > c.name.length);
  if (!prefix) return null;
  const [reread] = parseTask(`${prefix.name} ${line.slice(prefix.name.length).replace(/^[\s:,、]+/, '')}`, date);
  return reread ? { colleague: prefix, task: reread } : null;
}

export async function recordMinutes(
  tx: Tx,
  policy: Policy,
  input: { communityId: number; recordedById: number; minutes: ParsedMinutes; text: string; now: Date },
): Promise<MinutesOutcome> {
  const { minutes, now } = input;
  const colleagues = await tx.person.findMany({
    where: { communityId: input.communityId, roles: { some: { role: { in: [...OFFICE_STAFF] } } } },
    select: { id: true, name: true, communityId: true },
  });
  const resolved = minutes.tasks.map((task) => ({ task, found: resolve(task, colleagues, minutes.date) }));
  const earlier = await tx.meetingMinutes.findFirst({ where: { communityId: input.communityId, date: minutes.date, supersededById: null }, include: { tasks: true } });
  const record = await tx.meetingMinutes.create({
    data: {
      communityId: input.communityId,
      date: minutes.date,
      attendees: JSON.stringify(minutes.attendees),
      absent: JSON.stringify(minutes.absent),
      topics: JSON.stringify(minutes.topics),
      decisions: JSON.stringify(minutes.decisions),
      text: input.text,
      recordedById: input.recordedById,
      recordedAt: now,
    },
  });
  const oldItems = new Map<string, { itemId: number }>();
  if (earlier) {
    await tx.meetingMinutes.update({ where: { id: earlier.id }, data: { supersededById: record.id } });
    const items = await tx.planItem.findMany({ where: { meetingTaskId: { in: earlier.tasks.map((task) => task.id) }, removedAt: null } });
    for (const item of items) {
      const task = earlier.tasks.find((x) => x.id === item.meetingTaskId)!;
      oldItems.set(`${task.personId}|${task.week}|${itemKey(task.text)}`, { itemId: item.id });
    }
  }
  const assigned: AssignedTask[] = [];
  const touched = new Set<number>();
  for (const { task: written, found } of resolved) {
    if (!found) continue;
    const { colleague, task } = found;
    const week = weekOf(task.due ?? minutes.date);
    const row = await tx.meetingTask.create({ data: { minutesId: record.id, personId: colleague.id, name: colleague.name, text: task.text, due: task.due, week } });
    const key = `${colleague.id}|${week}|${itemKey(task.text)}`;
    const kept = oldItems.get(key);
    const plan = await ensurePlan(tx, colleague, week, now);
    if (kept) {
      oldItems.delete(key);
      await tx.planItem.update({ where: { id: kept.itemId }, data: { meetingTaskId: row.id, due: task.due } });
    } else {
      const revision = await tx.planRevision.create({
        data: { planId: plan.id, kind: 'meeting', status: 'applied', text: written.line, items: JSON.stringify([task.text]), at: now, appliedAt: now },
      });
      await addItems(tx, plan.id, [{ text: task.text, source: 'meeting', meetingTaskId: row.id, due: task.due }], revision.id, now);
    }
    touched.add(plan.id);
    assigned.push({ personId: colleague.id, name: colleague.name, text: task.text, due: task.due, week, added: !kept });
  }
  for (const { task, found } of resolved) {
    if (!found) await tx.meetingTask.create({ data: { minutesId: record.id, personId: null, name: task.name ?? '', text: task.text, due: task.due, week: weekOf(task.due ?? minutes.date) } });
  }
  // Tasks the new record no longer has leave the plans.
  const gone = [...oldItems.values()].map((i) => i.itemId);
  if (gone.length > 0) {
    const items = await tx.planItem.findMany({ where: { id: { in: gone } }, select: { planId: true } });
    await tx.planItem.updateMany({ where: { id: { in: gone } }, data: { removedAt: now } });
    for (const item of items) touched.add(item.planId);
  }
  for (const planId of touched) {
    const plan = await tx.weeklyPlan.findUniqueOrThrow({ where: { id: planId } });
    if (plan.postedAt) await reassess(tx, policy, planId, now);
  }
  return { id: record.id, date: minutes.date, assigned, unassigned: resolved.filter((r) => !r.found).map((r) => r.task), superseded: earlier !== null };
}
