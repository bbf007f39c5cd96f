import type { Tx } from '../../../src/db/client.ts';
import type { ParsedResults, ResultStatus } from '../rules/items.ts';
import { shiftWeek } from '../rules/week.ts';
import { addItems, ensurePlan, previousPlan, type ItemRow, type PlanPerson, type PlanRow } from './plans.ts';

/**
 * Last week comes back: the results written in the Monday review go onto last week's items, and
 * the unfinished ones are offered as carried over into this week. Both are recorded as revisions.
 */

export interface ResultsOutcome {
  /** The week the results are about. */
  plan: PlanRow;
  items: ItemRow[];
  /** Numbers written that the week had no item for. */
  unknown: number[];
  /** Items not done or half done that are not carried over yet; empty once the offer was answered. */
  unfinished: ItemRow[];
}

const UNFINISHED: readonly string[] = ['undone', 'partial'];

/** Records the results for the person's week before `week` (the latest with items; else the week before, as free text). */
export async function recordResults(tx: Tx, input: { person: PlanPerson; week: string; results: ParsedResults; now: Date }): Promise<ResultsOutcome> {
  const { person, results, now } = input;
  const found = await previousPlan(tx, person.id, input.week);
  const plan = found ?? (await ensurePlan(tx, person, shiftWeek(input.week, -1), now));
  const items = found?.items ?? [];
  const unknown: number[] = [];
  const marked = new Map<number, { status: ResultStatus; note: string }>();
  if (results.all) for (const item of items) marked.set(item.id, { status: results.all, note: '' });
  for (const mark of results.marks) {
    const item = items[mark.no - 1];
    if (!item) unknown.push(mark.no);
    else if (mark.status) marked.set(item.id, { status: mark.status, note: mark.note });
  }
  for (const [id, mark] of marked) await tx.planItem.update({ where: { id }, data: { result: mark.status, resultNote: mark.note || null, resultAt: now } });
  await tx.weeklyPlan.update({ where: { id: plan.id }, data: { resultsText: results.text, resultsAt: now } });
  await tx.planRevision.create({ data: { planId: plan.id, kind: 'results', status: 'applied', text: results.text, items: JSON.stringify([...marked.entries()]), at: now, appliedAt: now } });
  const after = items.map((item) => ({ ...item, ...(marked.has(item.id) ? { result: marked.get(item.id)!.status, resultNote: marked.get(item.id)!.note || null, resultAt: now } : {}) }));
  return { plan, items: after, unknown, unfinished: await unfinishedOf(tx, plan, after) };
}

/** The unfinished items of a plan not yet carried over, while its carry-over offer is open. */
export async function unfinishedOf(tx: Tx, plan: PlanRow, items: readonly ItemRow[]): Promise<ItemRow[]> {
  if (plan.carryAnswer !== null) return [];
  const open = items.filter((i) => i.result !== null && UNFINISHED.includes(i.result));
  if (open.length === 0) return [];
  const carried = await tx.planItem.findMany({ where: { carriedFromId: { in: open.map((i) => i.id) } }, select: { carriedFromId: true } });
  const done = new Set(carried.map((c) => c.carriedFromId));
  return open.filter((i) => !done.has(i.id));
}

export type CarryOutcome =
  | { ok: true; from: PlanRow; carried: ItemRow[]; plan: PlanRow }
  | { ok: false; reason: 'nothing' | 'answered'; from: PlanRow | null };

/** 转入: last week's unfinished items into this week's plan; 不用: the offer is closed. Compare-and-set on the answer. */
export async function answerCarry(tx: Tx, input: { person: PlanPerson; week: string; carry: boolean; now: Date }): Promise<CarryOutcome> {
  const from = await previousPlan(tx, input.person.id, input.week);
  if (!from) return { ok: false, reason: 'nothing', from: null };
  const open = await unfinishedOf(tx, from, from.items);
  if (from.carryAnswer !== null) return { ok: false, reason: 'answered', from };
  if (open.length === 0) return { ok: false, reason: 'nothing', from };
  const claimed = await tx.weeklyPlan.updateMany({ where: { id: from.id, carryAnswer: null }, data: { carryAnswer: input.carry ? 'carried' : 'declined' } });
  if (claimed.count !== 1) return { ok: false, reason: 'answered', from };
  const plan = await ensurePlan(tx, input.person, input.week, input.now);
  if (!input.carry) return { ok: true, from, carried: [], plan };
  const revision = await tx.planRevision.create({
    data: { planId: plan.id, kind: 'carry', status: 'applied', text: '', items: JSON.stringify(open.map((i) => i.text)), at: input.now, appliedAt: input.now },
  });
  const carried = await addItems(tx, plan.id, open.map((i) => ({ text: i.text, source: 'carried' as const, carriedFromId: i.id, due: null })), revision.id, input.now);
  return { ok: true, from, carried, plan };
}
