import ExcelJS from 'exceljs';
import { loadCalendar } from '../../../src/calendar/calendar-store.ts';
import type { Policy } from '../../../src/config/policy.ts';
import type { Tx } from '../../../src/db/client.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import { textOf, type KeysUnder } from '../../../src/i18n/value-text.ts';
import { formatDateTime } from '../../../src/time/office-time.ts';
import { resultText, vaguenessText } from '../format.ts';
import { weekDates } from '../rules/week.ts';
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

export async function writeArchiveXlsx(t: Translate, archive: PlanArchive, file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const col = (key: KeysUnder<'plan.col.'>) => t(`plan.col.${key}`);
  const status = (s: string) => textOf(t, WEEK_STATUS_TEXT, s);
  const source = (s: string) => textOf(t, SOURCE_TEXT, s);
  const wrap = { alignment: { wrapText: true, vertical: 'top' as const } };

  const plans = book.addWorksheet(t('plan.sheet.plans'));
  plans.columns = [
    { header: col('person'), key: 'person', width: 10 },
    { header: col('community'), key: 'community', width: 12 },
    { header: col('week'), key: 'week', width: 10 },
    { header: col('dates'), key: 'dates', width: 24 },
    { header: col('status'), key: 'status', width: 8 },
    { header: col('items'), key: 'items', width: 40, style: wrap },
    { header: col('results'), key: 'results', width: 40, style: wrap },
    { header: col('carried'), key: 'carried', width: 24, style: wrap },
    { header: col('meeting'), key: 'meeting', width: 24, style: wrap },
    { header: col('perfunctory'), key: 'perfunctory', width: 24, style: wrap },
    { header: col('postedAt'), key: 'postedAt', width: 17 },
    { header: col('changedAt'), key: 'changedAt', width: 17 },
    { header: col('resultsAt'), key: 'resultsAt', width: 17 },
  ];
  for (const p of archive.plans) {
    const note = (text: string | null) => (text ? t('plan.tags', { tags: text }) : '');
    const results = p.items.some((i) => i.result) ? p.items.map((i) => `${i.no}. ${resultText(t, i.result)}${note(i.resultNote)}`).join('\n') : (p.results ?? '');
    plans.addRow({
      person: p.person,
      community: p.community ?? '',
      week: p.week,
      dates: `${p.from} — ${p.to}`,
      status: status(p.status),
      items: numbered(p.items.map((i) => i.text)),
      results,
      carried: p.carriedOver.join('\n'),
      meeting: p.meetingTasks.map((m) => `${m.text}${m.due ? t('minutes.due', { date: m.due }) : ''}`).join('\n'),
      perfunctory: p.vagueness ?? '',
      postedAt: p.postedAt ?? '',
      changedAt: p.changedAt ?? '',
      resultsAt: p.resultsAt ?? '',
    });
  }

  const items = book.addWorksheet(t('plan.sheet.items'));
  items.columns = [
    { header: col('person'), key: 'person', width: 10 },
    { header: col('week'), key: 'week', width: 10 },
    { header: col('no'), key: 'no', width: 6 },
    { header: col('text'), key: 'text', width: 40 },
    { header: col('source'), key: 'source', width: 10 },
    { header: col('due'), key: 'due', width: 12 },
    { header: col('result'), key: 'result', width: 10 },
    { header: col('note'), key: 'note', width: 20 },
    { header: col('addedAt'), key: 'addedAt', width: 17 },
    { header: col('removedAt'), key: 'removedAt', width: 17 },
  ];
  for (const p of archive.plans) {
    for (const i of p.items) items.addRow({ person: p.person, week: p.week, no: i.no, text: i.text, source: source(i.source), due: i.due ?? '', result: i.result ? resultText(t, i.result) : '', note: i.resultNote ?? '', addedAt: i.addedAt, removedAt: '' });
    for (const r of p.removed) items.addRow({ person: p.person, week: p.week, no: '', text: r.text, source: source('posted'), due: '', result: '', note: '', addedAt: r.addedAt, removedAt: r.removedAt });
  }

  const history = book.addWorksheet(t('plan.sheet.history'));
  history.columns = [
    { header: col('person'), key: 'person', width: 10 },
    { header: col('week'), key: 'week', width: 10 },
    { header: col('at'), key: 'at', width: 17 },
    { header: col('kind'), key: 'kind', width: 10 },
    { header: col('content'), key: 'content', width: 60, style: wrap },
  ];
  for (const p of archive.plans) {
    for (const h of p.history) {
      const kind = textOf(t, REVISION_TEXT, revisionStep(h.kind, h.mode));
      history.addRow({ person: p.person, week: p.week, at: h.at, kind, content: h.kind === 'results' ? h.text : numbered(h.items) });
    }
  }

  const meetings = book.addWorksheet(t('plan.sheet.minutes'));
  meetings.columns = [
    { header: col('date'), key: 'date', width: 12 },
    { header: col('community'), key: 'community', width: 12 },
    { header: col('attendees'), key: 'attendees', width: 24, style: wrap },
    { header: col('absent'), key: 'absent', width: 12 },
    { header: col('decisions'), key: 'decisions', width: 40, style: wrap },
    { header: col('tasks'), key: 'tasks', width: 40, style: wrap },
    { header: col('recordedBy'), key: 'recordedBy', width: 10 },
    { header: col('recordedAt'), key: 'recordedAt', width: 17 },
    { header: col('superseded'), key: 'superseded', width: 8 },
  ];
  for (const m of archive.meetings) {
    meetings.addRow({
      date: m.date,
      community: m.community ?? '',
      attendees: m.attendees.join('、'),
      absent: m.absent.join('、'),
      decisions: numbered(m.decisions),
      tasks: m.tasks.map((task) => t('plan.col.taskLine', { name: task.name || '?', text: task.text, due: task.due ? t('minutes.due', { date: task.due }) : '' })).join('\n'),
      recordedBy: m.recordedBy,
      recordedAt: m.recordedAt,
      superseded: m.superseded ? t('plan.col.yes') : '',
    });
  }
  await book.xlsx.writeFile(file);
}
