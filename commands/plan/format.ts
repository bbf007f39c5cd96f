import { DateTime } from 'luxon';
import type { MessageKey, Translate } from '../../src/i18n/index.ts';
import { textOf } from '../../src/i18n/value-text.ts';
import { inZone } from '../../src/time/office-time.ts';
import type { ResultStatus } from './rules/items.ts';
import type { Vagueness } from './rules/perfunctory.ts';
import { weekDates } from './rules/week.ts';

/** How plans read in chat: weeks, items with their tags and results, why a plan is vague. */

export function dateText(t: Translate, date: string): string {
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  return t('plan.date', { month: d.month, day: d.day });
}

export function weekdayText(t: Translate, date: string): string {
  return t('plan.weekdays').split(',')[DateTime.fromISO(date, { zone: 'UTC' }).weekday - 1] ?? '';
}

/** 第49周（11月30日—12月6日） */
export function weekText(t: Translate, week: string): string {
  const dates = weekDates(week);
  return t('plan.week', { n: Number(week.slice(-2)), from: dateText(t, dates[0]!), to: dateText(t, dates[6]!) });
}

/** 11月30日 09:05 */
export function momentText(t: Translate, at: Date, zone: string): string {
  const local = inZone(at, zone);
  return t('plan.moment', { date: dateText(t, local.toISODate()!), time: local.toFormat('HH:mm') });
}

const RESULT_TEXT = {
  done: 'plan.result.done',
  partial: 'plan.result.partial',
  undone: 'plan.result.undone',
  none: 'plan.result.none',
} as const satisfies Record<ResultStatus | 'none', MessageKey>;

export function resultText(t: Translate, result: string | null): string {
  return textOf(t, RESULT_TEXT, result ?? 'none');
}

export interface ItemView {
  text: string;
  source: string;
  due: string | null;
  result?: string | null;
  resultNote?: string | null;
}

function tags(t: Translate, item: ItemView): string {
  const list: string[] = [];
  if (item.source === 'carried') list.push(t('plan.tag.carried'));
  if (item.source === 'meeting') list.push(t('plan.tag.meeting'));
  if (item.due) list.push(t('plan.tag.due', { date: dateText(t, item.due) }));
  return list.length > 0 ? t('plan.tags', { tags: list.join(t('list.separator')) }) : '';
}

/** 「1. 完成低保复核（例会任务、12月4日前）」, and with `results` 「 —— 完成一半（下周继续）」. */
export function itemLines(t: Translate, items: readonly ItemView[], options: { results?: boolean } = {}): string {
  return items
    .map((item, i) => {
      const line = t('plan.item', { no: i + 1, text: item.text, tags: tags(t, item) });
      if (!options.results) return line;
      const note = item.resultNote ? t('plan.tags', { tags: item.resultNote }) : '';
      return t('plan.item.result', { line, result: resultText(t, item.result ?? null), note });
    })
    .join('\n');
}

/** 「只有 1 项；「巡查」太简短；「正常工作」比较笼统」 */
export function vaguenessText(t: Translate, reasons: readonly Vagueness[]): string {
  const quoted = (items: string[]) => items.map((i) => `「${i}」`).join(t('list.separator'));
  return reasons
    .map((r) => (r.kind === 'few' ? t('plan.vague.few', { count: r.count, min: r.min }) : t(`plan.vague.${r.kind}`, { items: quoted(r.items) })))
    .join(t('plan.vague.separator'));
}

export function names(t: Translate, list: readonly string[]): string {
  return list.join(t('list.separator'));
}
