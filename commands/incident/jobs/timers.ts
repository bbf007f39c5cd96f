import type { Policy } from '../../../src/config/policy.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import { dueSteps, escalationSteps, levelRule, minutesBetween, onSiteDueAt } from '../rules/escalation.ts';
import type { Job } from '../../../src/scheduler/scheduler.ts';
import { addUpdate, loadIncident, post, tellPeople, type Desk, type LoadedIncident } from '../desk.ts';
import { caseLines } from '../format.ts';
import { holderLabel, holdersOfAll, noticeGroups } from '../people.ts';
import { noticeButtons } from '../file.ts';
import { askVisit } from '../workflow.ts';
import { caseSubject, noticeSubject } from '../subjects.ts';
import { buttonValue, writeReference } from '../../../src/core/reference.ts';

/**
 * The desk's clocks, run every minute day and night (incidents do not wait for office hours): an
 * untaken case climbs the chain step by step, a serious case nobody reached escalates again, the
 * return visit is asked when due and an unanswered one archived. Each step is a compare-and-set on
 * the case, so a restart, catch-up after downtime or a second instance fires each exactly once.
 */

const DAY = 24 * 3_600_000;

function scopeOf(incident: LoadedIncident) {
  return { communityId: incident.communityId, streetId: incident.streetId };
}

async function fireStep(desk: Desk, incident: LoadedIncident, index: number): Promise<boolean> {
  const { tx, policy, t, now } = desk;
  const rules = policy.incident;
  const steps = escalationSteps(rules);
  const step = steps[index]!;
  const earlier = [...new Set(steps.filter((s) => s.index < index).map((s) => s.target)), ...rules.escalation.alsoTell];
  const had = await holdersOfAll(tx, policy, t, earlier, scopeOf(incident), now);
  const hadText = had.map(holderLabel).join('、') || t('incident.had.none');
  const minutes = minutesBetween(incident.reportedAt, now) ?? 0;
  const lines = caseLines(t, policy, incident, 'staff');
  const options = { buttons: noticeButtons(desk, incident.id, null), subject: noticeSubject(incident.id) };
  const groups = await noticeGroups(tx, incident.communityId);
  if (step.reannounce) {
    const holders = await holdersOfAll(tx, policy, t, [step.target], scopeOf(incident), now);
    const text = [t('incident.escalate.reannounce', { id: incident.id, minutes }), ...lines, t('incident.notice.hint', { id: incident.id })].join('\n');
    post(desk, groups, text, options);
    await tellPeople(desk, holders, text, options);
    await addUpdate(desk, incident.id, 'reannounced', { text: holders.map(holderLabel).join('、') || null });
    return true;
  }
  const holders = await holdersOfAll(tx, policy, t, [step.target], scopeOf(incident), now);
  const text = [t('incident.escalate.step', { id: incident.id, minutes, had: hadText }), ...lines, t('incident.notice.hint', { id: incident.id })].join('\n');
  const reached = await tellPeople(desk, holders, text, options);
  await addUpdate(desk, incident.id, 'escalated', { text: reached.map(holderLabel).join('、') || null });
  if (reached.length === 0) return false;
  post(desk, groups, t('incident.escalate.groupNote', { id: incident.id, minutes, names: reached.map(holderLabel).join('、') }), { subject: caseSubject(incident.id) });
  return true;
}

/** Untaken cases: each due step once, in order; a step with nobody to tell passes straight to the next. */
async function climb(desk: Desk): Promise<void> {
  const { tx, policy, now } = desk;
  const last = escalationSteps(policy.incident).at(-1)!.index;
  const open = await tx.incident.findMany({ where: { status: 'reported', escalationStep: { lt: last } }, select: { id: true } });
  for (const { id } of open) {
    let incident = (await loadIncident(tx, id))!;
    let passOn = false;
    for (let index = incident.escalationStep + 1; index <= last; index++) {
      const due = dueSteps(policy.incident, incident, now).some((step) => step.index === index);
      if (!due && !passOn) break;
      const claimed = await tx.incident.updateMany({ where: { id, status: 'reported', escalationStep: index - 1 }, data: { escalationStep: index } });
      if (claimed.count !== 1) break;
      incident = (await loadIncident(tx, id))!;
      passOn = !(await fireStep(desk, incident, index));
    }
  }
}

/** A serious case not reached by its level's on-site minutes escalates once more: holder, everyone up the chain, the groups. */
async function onSiteClock(desk: Desk): Promise<void> {
  const { tx, policy, t, now } = desk;
  const rules = policy.incident;
  const timed = rules.levels.filter((l) => l.onSiteMinutes !== null).map((l) => l.name);
  const candidates = await tx.incident.findMany({ where: { status: { in: ['reported', 'taken'] }, onSiteAt: null, onSiteEscalatedAt: null, level: { in: timed } }, select: { id: true, level: true, reportedAt: true } });
  for (const candidate of candidates) {
    const due = onSiteDueAt(rules, candidate.level, candidate.reportedAt);
    if (!due || due > now) continue;
    const claimed = await tx.incident.updateMany({ where: { id: candidate.id, onSiteAt: null, onSiteEscalatedAt: null }, data: { onSiteEscalatedAt: now } });
    if (claimed.count !== 1) continue;
    const incident = (await loadIncident(tx, candidate.id))!;
    const minutes = levelRule(rules, incident.level).onSiteMinutes ?? 0;
    const holder = incident.holderName ?? t('incident.holder.none');
    const text = [t('incident.escalate.onSite', { id: incident.id, level: incident.level, minutes, holder }), ...caseLines(t, policy, incident, 'staff')].join('\n');
    const up = await holdersOfAll(tx, policy, t, rules.escalation.chain.slice(1), scopeOf(incident), now);
    const people = incident.holderId !== null && !up.some((h) => h.personId === incident.holderId) ? [{ personId: incident.holderId, name: incident.holderName ?? '', label: '' }, ...up] : up;
    await tellPeople(desk, people, text, { subject: caseSubject(incident.id), buttons: [{ label: t('incident.button.onSite'), value: buttonValue('到场', writeReference(incident.id)) }] });
    post(desk, await noticeGroups(tx, incident.communityId), text, { subject: caseSubject(incident.id) });
    await addUpdate(desk, incident.id, 'on_site_overdue', { text: up.map(holderLabel).join('、') || null });
  }
}

async function visits(desk: Desk): Promise<void> {
  const { tx, policy, now } = desk;
  const due = await tx.incident.findMany({ where: { status: 'closed', visitAskedAt: null, visitDueAt: { lte: now } }, select: { id: true } });
  for (const { id } of due) await askVisit(desk, (await loadIncident(tx, id))!);
  const cutoff = new Date(now.getTime() - policy.incident.visit.answerDays * DAY);
  const unanswered = await tx.incident.findMany({ where: { status: 'visiting', visitAskedAt: { lte: cutoff } }, select: { id: true } });
  for (const { id } of unanswered) {
    const archived = await tx.incident.updateMany({ where: { id, status: 'visiting', visitAskedAt: { lte: cutoff } }, data: { status: 'archived', archivedAt: now } });
    if (archived.count === 1) await addUpdate(desk, id, 'archived', { text: 'no answer' });
  }
}

export function incidentTimersJob(policy: Policy, t: Translate): Job {
  return {
    name: 'incident-timers',
    cron: '* * * * *',
    async run({ tx, dueAt, out }) {
      const desk: Desk = { tx, policy, t, now: dueAt, out };
      await climb(desk);
      await onSiteClock(desk);
      await visits(desk);
    },
  };
}

