import { loadCalendar } from '../../../src/calendar/calendar-store.ts';
import type { Policy } from '../../../src/config/policy.ts';
import type { Tx } from '../../../src/db/client.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import { textOf } from '../../../src/i18n/value-text.ts';
import { formatDateTime } from '../../../src/time/office-time.ts';
import { column, sheet, type Ledger } from '../../../src/ledger/ledger.ts';
import { resultText, vaguenessText } from '../format.ts';
import { weekDates, weeksOfMonth } from '../rules/week.ts';
import { REVISION_TEXT, revisionStep, SOURCE_TEXT, WEEK_STATUS_TEXT } from '../value-texts.ts';
import { loadWeeks } from '../week-view.ts';

/**
 * The archive of weekly plans (周工作计划台账) for a week or a month: per person and week, the items,
 * their results, what was carried over, meeting tasks, vagueness, when it was posted and changed,
 * with the full history; and the meeting minutes of the same dates.
 */

export interface ArchiveItem {
  no: number;
  text: string;
  source: string;
  due: string | null;
  result: string | null;
  resultNote: string | null;
  addedAt: string;
}

export interface ArchivePlan {
  person: string;
  community: string | null;
  week: string;
  from: string;
  to: string;
  status: 'posted' | 'missing' | 'leave';
  postedAt: string | null;
  changedAt: string | null;
  items: ArchiveItem[];
  /** The results as written the week after, and when. */
  results: string | null;
  resultsAt: string | null;
  carriedOver: string[];
  meetingTasks: { text: string; due: string | null }[];
  perfunctory: boolean;
  vagueness: string | null;
  removed: { text: string; addedAt: string; removedAt: string }[];
  history: { at: string; kind: string; mode: string | null; text: string; items: string[] }[];
}

export interface ArchiveMeeting {
  date: string;
  community: string | null;
  attendees: string[];
  absent: string[];
  topics: string[];
  decisions: string[];
  tasks: { name: string; text: string; due: string | null; week: string; assigned: boolean }[];
  recordedBy: string;
  recordedAt: string;
  superseded: boolean;
}

export interface PlanArchive {
  weeks: string[];
  from: string;
  to: string;
  community: string | null;
  plans: ArchivePlan[];
  meetings: ArchiveMeeting[];
}

export async function loadArchive(tx: Tx, policy: Policy, t: Translate, weeks: readonly string[], community: { id: number; name: string } | null): Promise<PlanArchive> {
  const zone = policy.timezone;
  const time = (at: Date | null | undefined) => (at ? formatDateTime(at, zone) : null);
  const calendar = await loadCalendar(tx);
  const rows = await loadWeeks(tx, policy, community?.id ?? null, weeks, (date) => calendar.isWorkday(date));
  const communities = new Map((await tx.community.findMany({ select: { id: true, name: true } })).map((c) => [c.id, c.name]));
  const plans = rows.map((row): ArchivePlan => {
    const dates = weekDates(row.week);
    const plan = row.plan;
    return {
      person: row.name,
      community: row.communityId === null ? null : (communities.get(row.communityId) ?? null),
      week: row.week,
      from: dates[0]!,
      to: dates[6]!,
      status: row.status,
      postedAt: time(plan?.postedAt),
      changedAt: time(plan?.changedAt),
      items: row.items.map((i, index) => ({ no: index + 1, text: i.text, source: i.source, due: i.due, result: i.result, resultNote: i.resultNote, addedAt: time(i.addedAt)! })),
      results: plan?.resultsText ?? null,
      resultsAt: time(plan?.resultsAt),
      carriedOver: row.items.filter((i) => i.source === 'carried').map((i) => i.text),
      meetingTasks: row.items.filter((i) => i.source === 'meeting').map((i) => ({ text: i.text, due: i.due })),
      perfunctory: row.reasons.length > 0,
      vagueness: row.reasons.length > 0 ? vaguenessText(t, row.reasons) : null,
      removed: row.removed.map((i) => ({ text: i.text, addedAt: time(i.addedAt)!, removedAt: time(i.removedAt)! })),
      history: row.revisions
        .filter((r) => r.status === 'applied')
        .map((r) => ({ at: time(r.appliedAt ?? r.at)!, kind: r.kind, mode: r.mode, text: r.text, items: r.kind === 'results' ? [] : (JSON.parse(r.items) as string[]) })),
    };
  });
  const from = weekDates(weeks[0]!)[0]!;
  const to = weekDates(weeks.at(-1)!)[6]!;
  const minutes = await tx.meetingMinutes.findMany({
    where: { date: { gte: from, lte: to }, ...(community ? { communityId: community.id } : {}) },
    include: { tasks: { orderBy: { id: 'asc' } } },
    orderBy: [{ date: 'asc' }, { id: 'asc' }],
  });
  const recorders = new Map((await tx.person.findMany({ where: { id: { in: minutes.map((m) => m.recordedById) } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const meetings = minutes.map((m): ArchiveMeeting => ({
    date: m.date,
    community: m.communityId === null ? null : (communities.get(m.communityId) ?? null),
    attendees: JSON.parse(m.attendees) as string[],
    absent: JSON.parse(m.absent) as string[],
    topics: JSON.parse(m.topics) as string[],
    decisions: JSON.parse(m.decisions) as string[],
    tasks: m.tasks.map((task) => ({ name: task.name, text: task.text, due: task.due, week: task.week, assigned: task.personId !== null })),
    recordedBy: recorders.get(m.recordedById) ?? '',
    recordedAt: time(m.recordedAt)!,
    superseded: m.supersededById !== null,
  }));
  return { weeks: [...weeks], from, to, community: community?.name ?? null, plans, meetings };
}

const numbered = (list: readonly string[]) => list.map((text, i) => `${i + 1}. ${text}`).join('\n');

/** A row of 计划事项: an item of a plan, or one that was replaced (removed). */
interface ItemRow {
  plan: ArchivePlan;
  no: number | null;
  text: string;
  source: string;
  due: string | null;
  result: string | null;
  note: string | null;
  addedAt: string;
  removedAt: string | null;
}

function resultsText(t: Translate, p: ArchivePlan): string {
  const note = (text: string | null) => (text ? t('plan.tags', { tags: text }) : '');
  return p.items.some((i) => i.result) ? p.items.map((i) => `${i.no}. ${resultText(t, i.result)}${note(i.resultNote)}`).join('\n') : (p.results ?? '');
}

/** `shequ report plans`: the weekly plans of a week or a month, their items, their history and the meeting minutes. */
export const planLedger: Ledger<PlanArchive> = {
  name: 'plans',
  description: '周工作计划台账：每人每周的计划事项、完成情况、上周转入、例会任务、发布和修改时间，附例会纪要；--month 取周四落在该月的各周 (weekly plans with results, carry-over, meeting tasks and history; meeting minutes; a month is the weeks whose Thursday falls in it)',
  title: 'plan.ledger.title',
  period: 'week-or-month',
  load: (tx, { policy, t, period, community }) => loadArchive(tx, policy, t, period.kind === 'week' ? [period.value] : weeksOfMonth(period.value), community),
  json: (archive) => archive,
  summary: (archive, { t, period }) => t('plan.ledger.exported', { period: period.value, plans: archive.plans.length, meetings: archive.meetings.length }),
  sheets: [
    sheet<PlanArchive, ArchivePlan>({
      name: 'plan.sheet.plans',
      rows: (archive) => archive.plans,
      columns: [
        column('plan.col.person', 10, 'text', (p) => p.person),
        column('plan.col.community', 12, 'text', (p) => p.community),
        column('plan.col.week', 10, 'text', (p) => p.week),
        column('plan.col.dates', 24, 'text', (p) => `${p.from} — ${p.to}`),
        column('plan.col.status', 8, 'text', (p, { t }) => textOf(t, WEEK_STATUS_TEXT, p.status)),
        column('plan.col.items', 40, 'text', (p) => numbered(p.items.map((i) => i.text))),
        column('plan.col.results', 40, 'text', (p, { t }) => resultsText(t, p)),
        column('plan.col.carried', 24, 'text', (p) => p.carriedOver.join('\n')),
        column('plan.col.meeting', 24, 'text', (p, { t }) => p.meetingTasks.map((m) => `${m.text}${m.due ? t('minutes.due', { date: m.due }) : ''}`).join('\n')),
        column('plan.col.perfunctory', 24, 'text', (p) => p.vagueness),
        column('plan.col.postedAt', 17, 'datetime', (p) => p.postedAt),
        column('plan.col.changedAt', 17, 'datetime', (p) => p.changedAt),
        column('plan.col.resultsAt', 17, 'datetime', (p) => p.resultsAt),
      ],
    }),
    sheet<PlanArchive, ItemRow>({
      name: 'plan.sheet.items',
      *rows(archive) {
        for (const plan of archive.plans) {
          for (const i of plan.items) yield { plan, no: i.no, text: i.text, source: i.source, due: i.due, result: i.result, note: i.resultNote, addedAt: i.addedAt, removedAt: null };
          for (const r of plan.removed) yield { plan, no: null, text: r.text, source: 'posted', due: null, result: null, note: null, addedAt: r.addedAt, removedAt: r.removedAt };
        }
      },
      columns: [
        column('plan.col.person', 10, 'text', (i) => i.plan.person),
        column('plan.col.week', 10, 'text', (i) => i.plan.week),
        column('plan.col.no', 6, 'number', (i) => i.no),
        column('plan.col.text', 40, 'text', (i) => i.text),
        column('plan.col.source', 10, 'text', (i, { t }) => textOf(t, SOURCE_TEXT, i.source)),
        column('plan.col.due', 12, 'date', (i) => i.due),
        column('plan.col.result', 10, 'text', (i, { t }) => (i.result ? resultText(t, i.result) : null)),
        column('plan.col.note', 20, 'text', (i) => i.note),
        column('plan.col.addedAt', 17, 'datetime', (i) => i.addedAt),
        column('plan.col.removedAt', 17, 'datetime', (i) => i.removedAt),
      ],
    }),
    sheet<PlanArchive, ArchivePlan['history'][number] & { plan: ArchivePlan }>({
      name: 'plan.sheet.history',
      rows: (archive) => archive.plans.flatMap((plan) => plan.history.map((h) => ({ ...h, plan }))),
      columns: [
        column('plan.col.person', 10, 'text', (h) => h.plan.person),
        column('plan.col.week', 10, 'text', (h) => h.plan.week),
        column('plan.col.at', 17, 'datetime', (h) => h.at),
        column('plan.col.kind', 10, 'text', (h, { t }) => textOf(t, REVISION_TEXT, revisionStep(h.kind, h.mode ?? null))),
        column('plan.col.content', 60, 'text', (h) => (h.kind === 'results' ? h.text : numbered(h.items))),
      ],
    }),
    sheet<PlanArchive, ArchiveMeeting>({
      name: 'plan.sheet.minutes',
      rows: (archive) => archive.meetings,
      columns: [
        column('plan.col.date', 12, 'date', (m) => m.date),
        column('plan.col.community', 12, 'text', (m) => m.community),
        column('plan.col.attendees', 24, 'text', (m) => m.attendees.join('、')),
        column('plan.col.absent', 12, 'text', (m) => m.absent.join('、')),
        column('plan.col.decisions', 40, 'text', (m) => numbered(m.decisions)),
        column('plan.col.tasks', 40, 'text', (m, { t }) => m.tasks.map((task) => t('plan.col.taskLine', { name: task.name || '?', text: task.text, due: task.due ? t('minutes.due', { date: task.due }) : '' })).join('\n')),
        column('plan.col.recordedBy', 10, 'text', (m) => m.recordedBy),
        column('plan.col.recordedAt', 17, 'datetime', (m) => m.recordedAt),
        column('plan.col.superseded', 8, 'boolean', (m) => m.superseded),
      ],
    }),
  ],
};
