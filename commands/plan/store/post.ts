import type { Policy } from '../../../src/config/policy.ts';
import type { Tx } from '../../../src/db/client.ts';
import type { Vagueness } from '../rules/perfunctory.ts';
import { activeItems, addItems, ensurePlan, itemKey, reassess, type ItemRow, type PlanPerson, type PlanRow } from './plans.ts';

/**
 * Posting a plan: the first post of a week is applied at once; a later one waits as a pending
 * revision until its author says 替换 or 追加, so nothing is replaced silently. Every state change
 * is a compare-and-set on the revision (pending → applied), so a double press applies once.
 */

export type PostOutcome =
  | { kind: 'first'; plan: PlanRow; items: ItemRow[]; added: ItemRow[]; perfunctory: boolean; reasons: Vagueness[] }
  | { kind: 'pending'; plan: PlanRow; revisionId: number; current: ItemRow[] };

export interface PostInput {
  person: PlanPerson;
  week: string;
  items: readonly string[];
  /** The message as written, for the history. */
  text: string;
  now: Date;
}

export async function postPlan(tx: Tx, policy: Policy, input: PostInput): Promise<PostOutcome> {
  const plan = await ensurePlan(tx, input.person, input.week, input.now);
  // A question left unanswered is dropped by the next post: the latest one is the one asked about.
  await tx.planRevision.updateMany({ where: { planId: plan.id, kind: 'post', status: 'pending' }, data: { status: 'dropped' } });
  const items = JSON.stringify(input.items);
  if (plan.postedAt === null) {
    const claimed = await tx.weeklyPlan.updateMany({ where: { id: plan.id, postedAt: null }, data: { postedAt: input.now } });
    if (claimed.count === 1) {
      const revision = await tx.planRevision.create({
        data: { planId: plan.id, kind: 'post', status: 'applied', mode: 'first', text: input.text, items, at: input.now, appliedAt: input.now },
      });
      const added = await addItems(tx, plan.id, input.items.map((text) => ({ text, source: 'posted' as const })), revision.id, input.now);
      const assessed = await reassess(tx, policy, plan.id, input.now);
      return { kind: 'first', plan, items: assessed.items, added, perfunctory: assessed.perfunctory, reasons: assessed.reasons };
    }
  }
  const revision = await tx.planRevision.create({ data: { planId: plan.id, kind: 'post', status: 'pending', text: input.text, items, at: input.now } });
  return { kind: 'pending', plan, revisionId: revision.id, current: await activeItems(tx, plan.id) };
}

export type ApplyOutcome =
  | { ok: true; plan: PlanRow; items: ItemRow[]; added: ItemRow[]; removed: ItemRow[]; perfunctory: boolean; reasons: Vagueness[] }
  | { ok: false; reason: 'not_found' | 'done' };

/**
 * 替换 #n: the person's own posted items give way to the revision's (carried items and meeting
 * tasks stay); 追加 #n: its items go after them. The replaced items stay, marked removed. Whose
 * revision it is, the command's guard has checked.
 */
export async function applyRevision(tx: Tx, policy: Policy, input: { revisionId: number; mode: 'replace' | 'add'; now: Date }): Promise<ApplyOutcome> {
  const revision = await tx.planRevision.findUnique({ where: { id: input.revisionId }, include: { plan: true } });
  if (!revision || revision.kind !== 'post') return { ok: false, reason: 'not_found' };
  const claimed = await tx.planRevision.updateMany({ where: { id: revision.id, status: 'pending' }, data: { status: 'applied', mode: input.mode, appliedAt: input.now } });
  if (claimed.count !== 1) return { ok: false, reason: 'done' };
  const before = await activeItems(tx, revision.planId);
  const texts = JSON.parse(revision.items) as string[];
  let removed: ItemRow[] = [];
  if (input.mode === 'replace') {
    // An item written again in the replacement stays the same item.
    const kept = new Set(texts.map(itemKey));
    removed = before.filter((i) => i.source === 'posted' && !kept.has(itemKey(i.text)));
    await tx.planItem.updateMany({ where: { id: { in: removed.map((i) => i.id) } }, data: { removedAt: input.now } });
  }
  const added = await addItems(tx, revision.planId, texts.map((text) => ({ text, source: 'posted' as const })), revision.id, input.now);
  const assessed = await reassess(tx, policy, revision.planId, input.now);
  return { ok: true, plan: revision.plan, items: assessed.items, added, removed, perfunctory: assessed.perfunctory, reasons: assessed.reasons };
}
