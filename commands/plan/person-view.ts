import type { Translate } from '../../src/i18n/index.ts';
import { textOf } from '../../src/i18n/value-text.ts';
import { itemLines, momentText, vaguenessText, weekText } from './format.ts';
import { HISTORY_TEXT, revisionStep } from './value-texts.ts';
import type { PersonWeek } from './week-view.ts';

/** One person's week in chat (「周计划 张伟 上周」): the items in force with their results, and how the plan changed. */
export function personWeekText(t: Translate, zone: string, row: PersonWeek): string {
  const week = weekText(t, row.week);
  const plan = row.plan;
  if (!plan?.postedAt) {
    const lines = [t(row.status === 'leave' ? 'plan.view.leave' : 'plan.view.none', { name: row.name, week })];
    if (row.items.length > 0) lines.push(t('plan.view.already'), itemLines(t, row.items, { results: plan?.resultsAt != null }));
    if (plan?.resultsText) lines.push(t('plan.view.results', { time: momentText(t, plan.resultsAt!, zone), text: plan.resultsText }));
    return lines.join('\n');
  }
  const changed = plan.changedAt && plan.changedAt.getTime() !== plan.postedAt.getTime() ? t('plan.view.changed', { time: momentText(t, plan.changedAt, zone) }) : '';
  const lines = [
    t('plan.view.title', { name: row.name, week }),
    t('plan.view.posted', { time: momentText(t, plan.postedAt, zone), changed }),
    itemLines(t, row.items, { results: plan.resultsAt !== null }),
  ];
  if (plan.resultsAt) lines.push(t('plan.view.results', { time: momentText(t, plan.resultsAt, zone), text: plan.resultsText ?? '' }));
  if (row.reasons.length > 0) lines.push(t('plan.view.vague', { reasons: vaguenessText(t, row.reasons) }));
  const history = row.revisions.filter((r) => r.status === 'applied' && r.kind !== 'results');
  if (history.length > 1) {
    const entries = history.map((r) => textOf(t, HISTORY_TEXT, revisionStep(r.kind, r.mode), { time: momentText(t, r.appliedAt ?? r.at, zone), count: (JSON.parse(r.items) as unknown[]).length }));
    lines.push(t('plan.view.history', { entries: entries.join(t('plan.vague.separator')) }));
  }
  return lines.join('\n');
}
