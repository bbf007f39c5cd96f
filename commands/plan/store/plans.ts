import type { Policy } from '../../../src/config/policy.ts';
import { insertUnlessDuplicate, type Tx } from '../../../src/db/client.ts';
import { assessPlan, type Vagueness } from '../rules/perfunctory.ts';
import { shiftWeek } from '../rules/week.ts';

/** Plans and their items in the database; every other plan module goes through these. */

export interface PlanPerson {
  id: number;
  name: string;
  communityId: number | null;
}

export type PlanRow = Awaited<ReturnType<Tx['weeklyPlan']['findFirstOrThrow']>>;
export type ItemRow = Awaited<ReturnType<Tx['planItem']['findFirstOrThrow']>>;
export type ItemSource = 'posted' | 'carried' | 'meeting';
/** A revision's kind as its row keeps it, and a post's mode: the week's first post, or one that replaced or added to its items. */
export type RevisionKind = 'post' | 'results' | 'carry' | 'meeting';
export type PostMode = 'first' | 'replace' | 'add';

/** How far back the Monday review looks for "last week": past a holiday week and a leave. */
const LOOKBACK_WEEKS = 4;

/** The person's plan for the week, created empty when there is none (read, then create under the unique key). */
export async function ensurePlan(tx: Tx, person: PlanPerson, week: string, now: Date): Promise<PlanRow> {
  const key = { personId_week: { personId: person.id, week } };
  const found = await tx.weeklyPlan.findUnique({ where: key });
  if (found) return found;
  // Created meanwhile by another transaction (a job beside the person's own post): that row is the plan.
  const created = await insertUnlessDuplicate(tx, () => tx.weeklyPlan.create({ data: { personId: person.id, communityId: person.communityId, week, createdAt: now } }));
  return created ?? tx.weeklyPlan.findUniqueOrThrow({ where: key });
}

/** The items in force, in order. */
export function activeItems(tx: Tx, planId: number): Promise<ItemRow[]> {
  return tx.planItem.findMany({ where: { planId, removedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }] });
}

/** "Last week" for the review: the person's latest plan with items before `week`, within a few weeks. */
export async function previousPlan(tx: Tx, personId: number, week: string): Promise<(PlanRow & { items: ItemRow[] }) | null> {
  const plan = await tx.weeklyPlan.findFirst({
    where: { personId, week: { lt: week, gte: shiftWeek(week, -LOOKBACK_WEEKS) }, items: { some: { removedAt: null } } },
    orderBy: { week: 'desc' },
    include: { items: { where: { removedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }] } },
  });
  return plan;
}

/** The same item written twice (「走访3栋独居老人」 carried and posted again) is one item. */
export function itemKey(text: string): string {
  return text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
}

export interface NewItem {
  text: string;
  source: ItemSource;
  carriedFromId?: number;
  meetingTaskId?: number;
  due?: string | null;
}

/** Adds items after those in force, skipping any the plan already has; returns those added. */
export async function addItems(tx: Tx, planId: number, items: readonly NewItem[], revisionId: number | null, now: Date): Promise<ItemRow[]> {
  const current = await activeItems(tx, planId);
  const seen = new Set(current.map((i) => itemKey(i.text)));
  let position = current.reduce((max, i) => Math.max(max, i.position), 0);
  const added: ItemRow[] = [];
  for (const item of items) {
    const key = itemKey(item.text);
    if (seen.has(key)) continue;
    seen.add(key);
    position += 1;
    added.push(
      await tx.planItem.create({
        data: {
          planId,
          position,
          text: item.text,
          source: item.source,
          carriedFromId: item.carriedFromId ?? null,
          meetingTaskId: item.meetingTaskId ?? null,
          due: item.due ?? null,
          revisionId,
          addedAt: now,
        },
      }),
    );
  }
  return added;
}

/** Writes down whether the plan in force is specific, and why not. */
export async function reassess(tx: Tx, policy: Policy, planId: number, now: Date): Promise<{ perfunctory: boolean; reasons: Vagueness[]; items: ItemRow[] }> {
  const items = await activeItems(tx, planId);
  const { perfunctory, reasons } = assessPlan(
    items.map((i) => i.text),
    policy.plans.perfunctory,
  );
  await tx.weeklyPlan.update({ where: { id: planId }, data: { perfunctory, vagueness: perfunctory ? JSON.stringify(reasons) : null, changedAt: now } });
  return { perfunctory, reasons, items };
}

export function vaguenessOf(plan: { vagueness: string | null }): Vagueness[] {
  return plan.vagueness ? (JSON.parse(plan.vagueness) as Vagueness[]) : [];
}
