import { DateTime } from 'luxon';
import { loadCalendar } from '../../../src/calendar/calendar-store.ts';
import type { Policy } from '../../../src/config/policy.ts';
import { privateAccounts, privateTargets, roleHolders, toMessage, workGroupTargets } from '../../../src/core/addressing.ts';
import { findPending, savePending } from '../../../src/core/conversation.ts';
import type { Tx } from '../../../src/db/client.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import type { Platform } from '../../../src/messaging/types.ts';
import type { Job } from '../../../src/scheduler/scheduler.ts';
import { officeDate, parseHHMM } from '../../../src/time/office-time.ts';
import { dateText, itemLines, names, weekdayText, weekText } from '../format.ts';
import { absences, planPeople, type PlanColleague } from '../people.ts';
import { SUMMARY_ROLES } from '../roles.ts';
import { deadlineDay, weekOf, type IsWorkday } from '../rules/week.ts';
import { activeItems, ensurePlan, previousPlan } from '../store/plans.ts';
import { loadWeeks, summaryText } from '../week-view.ts';
import { writeSubject } from '../../../src/core/reference.ts';
import { PLAN_SUBJECTS } from '../subjects.ts';

/**
 * The weekly plan's jobs, on the office calendar: the prompt on the first workday of the week (and
 * to those back from leave on their first workday back), the reminder and the secretary's summary
 * on the deadline day. The scheduler claims each fire once; each person's prompt and reminder and
 * each community's summary are claimed again by compare-and-set, so catch-up never repeats one.
 */

function cronAt(time: string): string {
  const minute = parseHHMM(time);
  return `${minute % 60} ${Math.floor(minute / 60)} * * *`;
}

interface Day {
  today: string;
  week: string;
  isWorkday: IsWorkday;
  deadlineDate: string;
  deadline: Date;
}

/** Today as the plan sees it; null on a day off (a week with no workday has no prompt, reminder or summary). */
async function planDay(tx: Tx, policy: Policy, at: Date): Promise<Day | null> {
  const calendar = await loadCalendar(tx);
  const isWorkday = (date: string) => calendar.isWorkday(date);
  const today = officeDate(at, policy.timezone);
  if (!isWorkday(today)) return null;
  const week = weekOf(today);
  const deadlineDate = deadlineDay(week, isWorkday, policy.plans.deadline.workday)!;
  const deadline = DateTime.fromISO(deadlineDate, { zone: policy.timezone }).plus({ minutes: parseHHMM(policy.plans.deadline.at) }).toJSDate();
  return { today, week, isWorkday, deadlineDate, deadline };
}

/** 「在今天 17:00 前」「在12月2日（周三）17:00 前」, or 「尽快」 once the deadline has passed. */
function dueText(t: Translate, policy: Policy, day: Day, at: Date): string {
  if (at >= day.deadline) return t('plan.due.soon');
  const when = day.deadlineDate === day.today ? t('plan.due.today', { time: policy.plans.deadline.at }) : t('plan.due.day', { date: dateText(t, day.deadlineDate), weekday: weekdayText(t, day.deadlineDate), time: policy.plans.deadline.at });
  return t('plan.due.by', { when });
}

/** The plan people at work now, by community: not on approved leave for the whole week, nor for the rest of today. */
async function presentByCommunity(tx: Tx, policy: Policy, day: Day, at: Date): Promise<Map<number, PlanColleague[]>> {
  const groups = new Map<number, PlanColleague[]>();
  for (const person of await planPeople(tx, policy, null)) groups.set(person.communityId, [...(groups.get(person.communityId) ?? []), person]);
  for (const [communityId, people] of groups) {
    const away = await absences(tx, policy, people, day.week, day.isWorkday);
    groups.set(communityId, people.filter((p) => !away.get(p.id)!.wholeWeek && !away.get(p.id)!.restOfDay(day.today, at)));
  }
  return groups;
}

function promptJob(policy: Policy, t: Translate): Job {
  return {
    name: 'plan-prompt',
    cron: cronAt(policy.plans.prompt.at),
    async run({ tx, dueAt, out }) {
      const day = await planDay(tx, policy, dueAt);
      if (!day) return;
      const due = dueText(t, policy, day, dueAt);
      // A question to the prompt stays open in the private chat until the deadline (or the end of a later day).
      const openUntil = new Date(Math.max(day.deadline.getTime(), DateTime.fromJSDate(dueAt, { zone: policy.timezone }).endOf('day').toMillis()));
      for (const people of (await presentByCommunity(tx, policy, day, dueAt)).values()) {
        for (const person of people) {
          const plan = await ensurePlan(tx, person, day.week, dueAt);
          if (plan.promptedAt) continue;
          const claimed = await tx.weeklyPlan.updateMany({ where: { id: plan.id, promptedAt: null }, data: { promptedAt: dueAt } });
          if (claimed.count !== 1) continue;
          const previous = await previousPlan(tx, person.id, day.week);
          const review = previous !== null && previous.resultsAt === null;
          if (plan.postedAt && !review) continue;
          const week = weekText(t, day.week);
          const lines = [plan.postedAt ? t('plan.prompt.posted', { name: person.name, week }) : t('plan.prompt.hello', { name: person.name, week, due })];
          if (review) lines.push(`${t('plan.prompt.last', { week: weekText(t, previous.week) })}\n${itemLines(t, previous.items)}`, t('plan.prompt.ask'));
          const current = await activeItems(tx, plan.id);
          if (current.length > 0 && !plan.postedAt) lines.push(`${t('plan.prompt.already')}\n${itemLines(t, current)}`);
          if (!plan.postedAt) lines.push(t('plan.prompt.howto'));
          const text = lines.join('\n');
          for (const account of await privateAccounts(tx, person.id)) {
            out.add({ platform: account.platform, message: toMessage(account, text), subject: writeSubject(PLAN_SUBJECTS.review, day.week) });
            if (!review) continue;
            const key = { platform: account.platform as Platform, platformChatId: account.chatId, platformUserId: account.userId };
            // A question the person has open already (a leave note to confirm) is not pushed aside.
            if ((await findPending(tx, key, dueAt)) === null) await savePending(tx, key, { command: 'plan-results', rest: '', expects: { kind: 'text' } }, openUntil);
          }
        }
      }
    },
  };
}

function reminderJob(policy: Policy, t: Translate, at: string): Job {
  return {
    name: 'plan-reminder',
    cron: cronAt(at),
    async run({ tx, dueAt, out }) {
      const day = await planDay(tx, policy, dueAt);
      if (!day || day.today !== day.deadlineDate) return;
      const due = dueText(t, policy, day, dueAt);
      const week = weekText(t, day.week);
      for (const [communityId, people] of await presentByCommunity(tx, policy, day, dueAt)) {
        const named: string[] = [];
        for (const person of people) {
          const plan = await ensurePlan(tx, person, day.week, dueAt);
          if (plan.postedAt) continue;
          const claimed = await tx.weeklyPlan.updateMany({ where: { id: plan.id, remindedAt: null, postedAt: null }, data: { remindedAt: dueAt } });
          if (claimed.count !== 1) continue;
          if (policy.plans.reminder.to === 'work_group') {
            named.push(person.name);
            continue;
          }
          const text = t('plan.reminder.private', { name: person.name, week, due });
          for (const target of await privateTargets(tx, person.id)) out.add({ platform: target.platform, message: toMessage(target, text), subject: writeSubject(PLAN_SUBJECTS.remind, day.week) });
        }
        if (named.length === 0) continue;
        const text = t('plan.reminder.group', { week, names: names(t, named), due });
        for (const target of await workGroupTargets(tx, communityId)) out.add({ platform: target.platform, message: toMessage(target, text), subject: writeSubject(PLAN_SUBJECTS.remind, day.week) });
      }
    },
  };
}

function summaryJob(policy: Policy, t: Translate): Job {
  return {
    name: 'plan-summary',
    cron: cronAt(policy.plans.deadline.at),
    async run({ tx, dueAt, out }) {
      const day = await planDay(tx, policy, dueAt);
      if (!day || day.today !== day.deadlineDate) return;
      for (const community of await tx.community.findMany({ orderBy: { id: 'asc' } })) {
        const scope = { communityId: community.id, streetId: community.streetId };
        if ((await planPeople(tx, policy, community.id)).length === 0) continue;
        if (await tx.planSummary.findUnique({ where: { communityId_week: { communityId: community.id, week: day.week } } })) continue;
        await tx.planSummary.create({ data: { communityId: community.id, week: day.week, sentAt: dueAt } });
        const text = summaryText(t, community.name, day.week, await loadWeeks(tx, policy, community.id, [day.week], day.isWorkday));
        let readers: { id: number }[] = [];
        for (const role of SUMMARY_ROLES) {
          readers = await roleHolders(tx, role, scope);
          if (readers.length > 0) break;
        }
        const targets = (await Promise.all(readers.map((p) => privateTargets(tx, p.id)))).flat();
        if (policy.plans.summary.workGroup) targets.push(...(await workGroupTargets(tx, community.id)));
        for (const target of targets) out.add({ platform: target.platform, message: toMessage(target, text) });
      }
    },
  };
}

/** The weekly plan family's scheduled jobs. */
export function planJobs(policy: Policy, t: Translate): Job[] {
  const reminder = policy.plans.reminder.at;
  return [promptJob(policy, t), ...(reminder ? [reminderJob(policy, t, reminder)] : []), summaryJob(policy, t)];
}
