import { loadCalendar } from '../../src/calendar/calendar-store.ts';
import { defineCommand, TRIGGER, type CommandContext, type CommunitySender } from '../../src/core/command.ts';
import { findColleague } from '../../src/core/people.ts';
import { holdsAny, OFFICE_STAFF } from '../../src/core/roles.ts';
import { parsePlanArgs, planArgs, type PlanArgs } from './args.ts';
import { itemLines, vaguenessText, weekText } from './format.ts';
import { personWeekText } from './person-view.ts';
import { PLAN_PLACE, planRevisionRecord } from './records.ts';
import { currentPlanWeek, personOf, respondToPlan } from './respond.ts';
import { PLAN_READERS } from './roles.ts';
import { reassess } from './store/plans.ts';
import { applyRevision } from './store/post.ts';
import { answerCarry } from './store/results.ts';
import { loadWeeks, summaryText } from './week-view.ts';
import { subjectPrefix } from '../../src/core/reference.ts';
import { PLAN_SUBJECTS } from './subjects.ts';

/**
 * 周计划: posts this week's plan (the lines below the word, or a numbered list after it), shows a
 * week (「周计划 上周」「周计划 张伟」), and takes the answers to its own questions (替换/追加 #n,
 * 转入/不转入). Its trigger is a block: unaddressed in a group only 「周计划\n…」 or 「周计划：1. …
 * 2. …」 run it, so 「周计划都发了吗」「周计划，下班前交」 stay talk. Staff see their own weeks;
 * the secretary, deputy secretary and director see everyone in their community.
 */
export const planCommand = defineCommand({
  id: 'plan',
  names: ['周计划', '本周计划', '工作计划', '/plan'],
  summary: 'cmd.plan.summary',
  example: 'cmd.plan.example',
  allowedRoles: OFFICE_STAFF,
  member: 'community',
  where: PLAN_PLACE,
  trigger: TRIGGER.block,
  // Quoting the noon reminder with the items posts them.
  quotedSubjects: [subjectPrefix(PLAN_SUBJECTS.remind)],
  args: planArgs,
  // 替换/追加 #n: the sender's own waiting post.
  record: { kinds: [planRevisionRecord], id: (args) => ('revision' in args ? args.revision : null), access: 'owner' },
  parse: parsePlanArgs,
  async handle(context, args) {
    switch (args.action) {
      case 'post':
        return respondToPlan(context, args);
      case 'show':
        return show(context, args);
      case 'replace':
      case 'add':
        return apply(context, args.action, args.revision);
      case 'carry':
      case 'noCarry':
        return carry(context, args.action === 'carry');
    }
  },
});

async function show(context: CommandContext<CommunitySender>, args: Extract<PlanArgs, { action: 'show' }>): Promise<void> {
  const { tx, t, policy, sender } = context;
  const reader = holdsAny(sender.roles, PLAN_READERS);
  const week = args.week ?? (await currentPlanWeek(context));
  const calendar = await loadCalendar(tx);
  const isWorkday = (date: string) => calendar.isWorkday(date);
  const named = args.person && args.person !== sender.name ? args.person : null;
  if ((named || args.community) && !reader) return context.reply(t('plan.onlyOwn'));
  // A leader naming a week and nobody sees the community; naming themselves, their own plan.
  if (args.community || (reader && args.person === null && args.week !== null)) {
    const rows = await loadWeeks(tx, policy, sender.communityId, [week], isWorkday);
    return context.reply(summaryText(t, sender.communityName ?? '', week, rows));
  }
  const person = named ? await findColleague(tx, sender.communityId, named) : { id: sender.personId, name: sender.name };
  if (!person) return context.reply(t('plan.noSuchPerson', { name: named! }));
  const rows = await loadWeeks(tx, policy, sender.communityId, [week], isWorkday);
  const row = rows.find((r) => r.personId === person.id) ?? {
    personId: person.id,
    name: person.name,
    communityId: sender.communityId,
    week,
    status: 'missing' as const,
    plan: null,
    items: [],
    removed: [],
    revisions: [],
    edits: 0,
    reasons: [],
  };
  const hint = !named && !row.plan?.postedAt ? `\n${t('plan.hint.post')}` : '';
  context.reply(personWeekText(t, policy.timezone, row) + hint);
}

async function apply(context: CommandContext<CommunitySender>, mode: 'replace' | 'add', revisionId: number): Promise<void> {
  const { tx, t, policy, now } = context;
  const outcome = await applyRevision(tx, policy, { revisionId, mode, now });
  if (!outcome.ok) {
    const key = outcome.reason === 'not_found' ? 'plan.revision.notFound' : 'plan.revision.done';
    return context.reply(t(key, { id: revisionId }));
  }
  const week = weekText(t, outcome.plan.week);
  const head =
    mode === 'replace'
      ? t('plan.replaced', { week, count: outcome.items.length, removed: outcome.removed.length })
      : outcome.added.length === 0
        ? t('plan.nothingNew', { week })
        : t('plan.added', { week, added: outcome.added.length, count: outcome.items.length });
  const lines = [`${head}\n${itemLines(t, outcome.items)}`];
  if (outcome.perfunctory) lines.push(t('plan.vague.ask', { reasons: vaguenessText(t, outcome.reasons) }));
  context.reply(lines.join('\n\n'));
}

async function carry(context: CommandContext<CommunitySender>, yes: boolean): Promise<void> {
  const { tx, t, policy, now, sender } = context;
  const week = await currentPlanWeek(context);
  const outcome = await answerCarry(tx, { person: personOf(sender), week, carry: yes, now });
  if (!outcome.ok) return context.reply(t(outcome.reason === 'answered' ? 'plan.carry.answered' : 'plan.carry.nothing'));
  if (!yes) return context.reply(t('plan.carry.declined'));
  if (outcome.plan.postedAt) await reassess(tx, policy, outcome.plan.id, now);
  const items = outcome.carried.map((i) => `「${i.text}」`).join(t('list.separator'));
  const hint = outcome.plan.postedAt ? '' : `\n${t('plan.hint.post')}`;
  context.reply(t('plan.carry.done', { count: outcome.carried.length, week: weekText(t, week), items }) + hint);
}
