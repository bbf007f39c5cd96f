import type { Policy } from '../../src/config/policy.ts';
import type { Tx } from '../../src/db/client.ts';
import type { Translate } from '../../src/i18n/index.ts';
import { dateText, names, vaguenessText, weekText } from './format.ts';
import { absences, planPeople, type PlanColleague } from './people.ts';
import type { Vagueness } from './rules/perfunctory.ts';
import type { IsWorkday } from './rules/week.ts';
import { vaguenessOf, type ItemRow, type PlanRow } from './store/plans.ts';

/**
 * A community's weeks as the secretary reads them: per person, whether the plan was posted, its
 * items, what was carried over, meeting tasks, edits and vagueness. The deadline summary, the
 * leaders' view in chat and the archive all read this.
 */

export type RevisionRow = Awaited<ReturnType<Tx['planRevision']['findFirstOrThrow']>>;

export interface PersonWeek {
  personId: number;
  name: string;
  communityId: number | null;
  week: string;
  status: 'posted' | 'missing' | 'leave';
  plan: PlanRow | null;
  /** In force, in order. */
  items: ItemRow[];
  /** Replaced by a later post. */
  removed: ItemRow[];
  revisions: RevisionRow[];
  /** Posts applied after the first. */
  edits: number;
  reasons: Vagueness[];
}

/** Every plan person of the community (every community when null), and anyone else with a plan those weeks, per week. */
export async function loadWeeks(tx: Tx, policy: Policy, communityId: number | null, weeks: readonly string[], isWorkday: IsWorkday): Promise<PersonWeek[]> {
  const people = await planPeople(tx, policy, communityId);
  const plans = await tx.weeklyPlan.findMany({
    where: { week: { in: [...weeks] }, ...(communityId === null ? {} : { communityId }) },
    include: { items: { orderBy: [{ position: 'asc' }, { id: 'asc' }] }, revisions: { orderBy: { id: 'asc' } } },
  });
  const known = new Set(people.map((p) => p.id));
  const others = plans.filter((p) => !known.has(p.personId)).map((p) => p.personId);
  const formerly = others.length === 0 ? [] : await tx.person.findMany({ where: { id: { in: others } }, select: { id: true, name: true, grid: true, communityId: true } });
  const everyone: PlanColleague[] = [...people, ...formerly.map((p) => ({ ...p, communityId: p.communityId ?? 0 }))];
  const byKey = new Map(plans.map((p) => [`${p.personId}|${p.week}`, p]));
  const rows: PersonWeek[] = [];
  for (const week of weeks) {
    const away = await absences(tx, policy, everyone, week, isWorkday);
    for (const person of everyone) {
      const plan = byKey.get(`${person.id}|${week}`) ?? null;
      if (!known.has(person.id) && !plan) continue;
      const { items = [], revisions = [], ...row } = plan ?? {};
      const posted = plan?.postedAt != null;
      rows.push({
        personId: person.id,
        name: person.name,
        communityId: person.communityId,
        week,
        status: posted ? 'posted' : away.get(person.id)?.wholeWeek ? 'leave' : 'missing',
        plan: plan ? (row as PlanRow) : null,
        items: items.filter((i) => i.removedAt === null),
        removed: items.filter((i) => i.removedAt !== null),
        revisions,
        edits: revisions.filter((r) => r.kind === 'post' && r.status === 'applied' && r.mode !== 'first').length,
        reasons: plan?.perfunctory ? vaguenessOf(plan) : [],
      });
    }
  }
  return rows;
}

/** The secretary's message at the deadline: who posted, items per person, carried over, meeting tasks, vague plans. */
export function summaryText(t: Translate, community: string, week: string, rows: readonly PersonWeek[]): string {
  const posted = rows.filter((r) => r.status === 'posted');
  const missing = rows.filter((r) => r.status === 'missing');
  const leave = rows.filter((r) => r.status === 'leave');
  const lines = [t('plan.summary.title', { community, week: weekText(t, week) }), t(leave.length > 0 ? 'plan.summary.countsLeave' : 'plan.summary.counts', { posted: posted.length, missing: missing.length, leave: leave.length })];
  for (const row of posted) {
    const carried = row.items.filter((i) => i.source === 'carried').length;
    const meeting = row.items.filter((i) => i.source === 'meeting').length;
    const extra = [
      carried ? t('plan.summary.carriedCount', { count: carried }) : '',
      meeting ? t('plan.summary.meetingCount', { count: meeting }) : '',
      row.edits ? t('plan.summary.edited', { count: row.edits }) : '',
    ].filter(Boolean);
    lines.push(
      t('plan.summary.person', {
        name: row.name,
        count: row.items.length,
        extra: extra.length > 0 ? t('plan.tags', { tags: extra.join(t('list.separator')) }) : '',
        vague: row.reasons.length > 0 ? t('plan.summary.vagueMark') : '',
      }),
    );
  }
  if (missing.length > 0) lines.push(t('plan.summary.missing', { names: names(t, missing.map((r) => r.name)) }));
  if (leave.length > 0) lines.push(t('plan.summary.leave', { names: names(t, leave.map((r) => r.name)) }));
  const quoted = (items: readonly ItemRow[], due = false) =>
    items.map((i) => `「${i.text}」${due && i.due ? t('plan.tags', { tags: t('plan.tag.due', { date: dateText(t, i.due) }) }) : ''}`).join('');
  const carried = rows.filter((r) => r.items.some((i) => i.source === 'carried'));
  if (carried.length > 0) lines.push(t('plan.summary.carried', { entries: carried.map((r) => `${r.name}${quoted(r.items.filter((i) => i.source === 'carried'))}`).join(t('plan.vague.separator')) }));
  const meeting = rows.filter((r) => r.items.some((i) => i.source === 'meeting'));
  if (meeting.length > 0) lines.push(t('plan.summary.meeting', { entries: meeting.map((r) => `${r.name}${quoted(r.items.filter((i) => i.source === 'meeting'), true)}`).join(t('plan.vague.separator')) }));
  const vague = posted.filter((r) => r.reasons.length > 0);
  if (vague.length > 0) lines.push(t('plan.summary.vague', { entries: vague.map((r) => `${r.name}${t('plan.tags', { tags: vaguenessText(t, r.reasons) })}`).join(t('plan.vague.separator')) }));
  if (rows.length === 0) lines.push(t('plan.summary.nobody'));
  return lines.join('\n');
}
