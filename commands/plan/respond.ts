import { loadCalendar } from '../../src/calendar/calendar-store.ts';
import type { CommandContext, CommunitySender, OpenPrompt } from '../../src/core/command.ts';
import type { Button } from '../../src/messaging/types.ts';
import { officeDate } from '../../src/time/office-time.ts';
import { RESULTS_EXPECTS } from './args.ts';
import { itemLines, names, vaguenessText, weekText } from './format.ts';
import type { ParsedResults } from './rules/items.ts';
import { planWeekFor } from './rules/week.ts';
import { previousPlan, type PlanPerson } from './store/plans.ts';
import { postPlan } from './store/post.ts';
import { recordResults, unfinishedOf, type ResultsOutcome } from './store/results.ts';
import { buttonValue, writeReference } from '../../src/core/reference.ts';

/**
 * What 周计划 and 上周完成 answer: the plan as recorded (or the question 替换 or 追加), the results
 * of last week, the carry-over offer, a kind request for specifics, and what is still missing.
 * At most one question is left open: 替换/追加 first, then the carry-over, then last week's results.
 */

export const CARRY_ANSWERS = { 转入: '周计划 转入', 转: '周计划 转入', 要: '周计划 转入', 好: '周计划 转入', 是: '周计划 转入', 不用: '周计划 不转入', 不转: '周计划 不转入', 不要: '周计划 不转入' };

export function personOf(sender: CommunitySender): PlanPerson {
  return { id: sender.personId, name: sender.name, communityId: sender.communityId };
}

/** The week a message sent now is about: this week, or the coming one on a day off after the last workday. */
export async function currentPlanWeek(context: CommandContext): Promise<string> {
  const calendar = await loadCalendar(context.tx);
  return planWeekFor(officeDate(context.now, context.policy.timezone), (date) => calendar.isWorkday(date));
}

function resultsLines(context: CommandContext, outcome: ResultsOutcome): string[] {
  const { t } = context;
  const week = weekText(t, outcome.plan.week);
  const marked = outcome.items.some((i) => i.result !== null);
  const lines = [
    outcome.items.length === 0
      ? t('plan.results.noPlan', { text: outcome.plan.resultsText ?? '' })
      : marked
        ? `${t('plan.results.done', { week })}\n${itemLines(t, outcome.items, { results: true })}`
        : t('plan.results.free', { week, text: outcome.plan.resultsText ?? '' }),
  ];
  if (outcome.unknown.length > 0) lines.push(t('plan.results.unknown', { numbers: outcome.unknown.join(t('list.separator')), count: outcome.items.length }));
  return lines;
}

export function carryOffer(context: CommandContext, unfinished: readonly { text: string; result: string | null }[]): { text: string; buttons: Button[]; prompt: OpenPrompt } {
  const { t } = context;
  const items = unfinished.map((i) => `「${i.text}」${t('plan.tags', { tags: t(i.result === 'partial' ? 'plan.result.partial' : 'plan.result.undone') })}`).join(t('list.separator'));
  return {
    text: t('plan.carry.offer', { count: unfinished.length, items }),
    buttons: [
      { label: t('plan.button.carry'), value: CARRY_ANSWERS.转入 },
      { label: t('plan.button.noCarry'), value: CARRY_ANSWERS.不用 },
    ],
    prompt: { command: 'plan', rest: '', expects: { kind: 'commands', answers: CARRY_ANSWERS } },
  };
}

export async function respondToPlan(context: CommandContext<CommunitySender>, input: { items: readonly string[]; results: ParsedResults | null; text: string }): Promise<void> {
  const { tx, t, policy, now, sender } = context;
  const person = personOf(sender);
  const week = await currentPlanWeek(context);
  const lines: string[] = [];
  const buttons: Button[] = [];
  let question: OpenPrompt | null = null;
  const ask = (prompt: OpenPrompt, more: readonly Button[] = []) => {
    question ??= prompt;
    buttons.push(...more);
  };

  let resultsGiven = false;
  if (input.results) {
    const outcome = await recordResults(tx, { person, week, results: input.results, now });
    resultsGiven = true;
    lines.push(...resultsLines(context, outcome));
    if (outcome.unfinished.length > 0) {
      const offer = carryOffer(context, outcome.unfinished);
      lines.push(offer.text);
      ask(offer.prompt, offer.buttons);
    }
  }

  let posted = false;
  if (input.items.length > 0) {
    const outcome = await postPlan(tx, policy, { person, week, items: input.items, text: input.text, now });
    if (outcome.kind === 'first') {
      posted = true;
      lines.unshift(`${t('plan.posted', { week: weekText(t, week), count: outcome.items.length })}\n${itemLines(t, outcome.items)}`);
      if (outcome.perfunctory) lines.push(t('plan.vague.ask', { reasons: vaguenessText(t, outcome.reasons) }));
    } else {
      const replace = buttonValue('周计划 替换', writeReference(outcome.revisionId));
      const add = buttonValue('周计划 追加', writeReference(outcome.revisionId));
      lines.unshift(
        t('plan.replaceOrAdd', {
          week: weekText(t, week),
          count: outcome.current.length,
          items: itemLines(t, outcome.current),
          newCount: input.items.length,
          newItems: names(t, input.items.map((i) => `「${i}」`)),
        }),
      );
      // This question comes before any other: without its answer the new items are not in the plan.
      question = { command: 'plan', rest: '', expects: { kind: 'commands', answers: { 替换: replace, 追加: add, 补充: add, 添加: add } } };
      buttons.unshift({ label: t('plan.button.replace'), value: replace }, { label: t('plan.button.add'), value: add });
    }
  }

  if (!resultsGiven) {
    const previous = await previousPlan(tx, person.id, week);
    if (previous && previous.resultsAt === null) {
      lines.push(t('plan.results.ask', { week: weekText(t, previous.week), count: previous.items.length, items: itemLines(t, previous.items) }));
      ask({ command: 'plan-results', rest: '', expects: RESULTS_EXPECTS });
    } else if (previous && posted) {
      const open = await unfinishedOf(tx, previous, previous.items);
      if (open.length > 0) {
        const offer = carryOffer(context, open);
        lines.push(offer.text);
        ask(offer.prompt, offer.buttons);
      }
    }
  }
  if (input.items.length === 0) {
    const plan = await tx.weeklyPlan.findUnique({ where: { personId_week: { personId: person.id, week } } });
    if (!plan?.postedAt) lines.push(t('plan.hint.post'));
  }

  context.reply(lines.join('\n\n'), buttons.length > 0 ? { buttons } : {});
  if (question) context.expectAnswer(question);
}
