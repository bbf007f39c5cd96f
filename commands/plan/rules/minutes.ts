import { DAY_FORMS, DUE_FROM_MEETING, LOOKING_BACK, readDay, readWeek } from '../../../src/time/grammar.ts';
import { addDays } from '../../../src/time/office-time.ts';
import { splitItems } from './items.ts';

/**
 * The minutes of an office meeting (例会纪要) as the person who took them writes them: a date,
 * attendees, decisions, and tasks with a person and a due date (「张伟 周五前 完成低保复核」).
 * Pure: names are matched against colleagues by the caller.
 */

export interface MinutesTask {
  /** Who, as written; null when the line does not say (the caller may find a colleague's name at its start). */
  name: string | null;
  text: string;
  /** YYYY-MM-DD */
  due: string | null;
  /** The line as written. */
  line: string;
}

export interface ParsedMinutes {
  /** YYYY-MM-DD: as written, else `today`. */
  date: string;
  attendees: string[];
  absent: string[];
  topics: string[];
  decisions: string[];
  tasks: MinutesTask[];
}

const F = DAY_FORMS;
/** A due date in a task line: a day ahead, or a week (by its Friday) or the month's end; 12.4 not 1.5万. */
const DUE_WORD = `(?:${F.weekday}|${F.dated}|${F.monthDay}|(?:${F.dotted}|${F.dashed})(?![\\d.])|${F.coming}|(?:本|这)周内?|下周内?|${F.monthEnd})`;
const DUE_END = '(?:之前|以前|前|内|为止|截止)?';
const DUE = new RegExp(`^(${DUE_WORD})${DUE_END}`);
const NAME = '[\\u4e00-\\u9fff·]{2,4}?';
/** 「张伟 周五前 完成低保复核」「张伟、刘洋：整理台账」「@张伟 周五前完成低保复核」. */
const TASK = new RegExp(`^@?(${NAME}(?:[、和]@?${NAME})*)(?:\\s*[:,]\\s*|\\s+|(?=${DUE_WORD}))(.+)$`);
/** A due date at the end: 「完成低保复核（周五前）」「完成低保复核，周五前」. */
const DUE_AT_END = new RegExp(`[\\s,(]*(${DUE_WORD})${DUE_END}[)]?$`);

/** Outside a tasks block, a line is a task only when a name stands apart at its start and it has a due date. */
const SEPARATE_NAME = /^@?[\u4e00-\u9fff·]{2,4}(?:[、和]@?[\u4e00-\u9fff·]{2,4})*(?:\s+|\s*:)/;

const LABELS: readonly [RegExp, keyof Omit<ParsedMinutes, 'tasks' | 'date'> | 'tasks' | 'date' | 'ignore'][] = [
  [/^(?:会议)?(?:时间|日期)|^开会时间/, 'date'],
  [/^(?:参会|参加|出席|到会|与会)(?:人员|人)?/, 'attendees'],
  [/^(?:缺席|请假)(?:人员)?/, 'absent'],
  [/^(?:主持|记录)人?/, 'ignore'],
  [/^(?:会议)?(?:议题|内容|主题)/, 'topics'],
  [/^(?:会议)?(?:决定|决议|议定)(?:事项)?|^结论/, 'decisions'],
  [/^(?:任务分工|任务|分工|工作安排|安排|布置|待办)(?:事项)?/, 'tasks'],
];

/**
 * 周五 / 下周三 / 12月4日 / 明天 / 本周内 / 月底 → a date from the meeting's date; null when not a due
 * date. A week is due on its Friday (本周内 said at the weekend: that Sunday).
 */
export function readDue(word: string, meetingDate: string): string | null {
  const text = word.normalize('NFKC').replace(new RegExp(`${DUE_END}$`), '');
  const week = /^(?:本|这|下)周内?$/.test(text) ? readWeek(text.replace(/内$/, ''), { today: meetingDate }) : null;
  if (!week) return readDay(text, { today: meetingDate, rollover: DUE_FROM_MEETING });
  const friday = addDays(week, 4);
  return friday < meetingDate ? addDays(week, 6) : friday;
}

/** The meeting's date written in a line: 12月1日, 2026-12-01, 今天, 周一 (the latest one up to today). */
function dateIn(line: string, today: string): string | null {
  const written = new RegExp(`${F.dated}|${F.monthDay}|${F.past}`).exec(line) ?? new RegExp(F.weekday).exec(line);
  return written ? readDay(written[0], { today, rollover: LOOKING_BACK }) : null;
}

function names(text: string): string[] {
  return text
    .split(/[、,\s]+|和/)
    .map((n) => n.replace(/^@/, '').trim())
    .filter(Boolean);
}

/** One task line: who, what, by when. */
export function parseTask(line: string, meetingDate: string): MinutesTask[] {
  const text = line.normalize('NFKC').trim();
  const task = TASK.exec(text);
  const whoWrote = task ? names(task[1]!) : [null];
  let what = task ? task[2]!.trim() : text;
  let due: string | null = null;
  const leading = DUE.exec(what);
  if (leading) {
    due = readDue(leading[0], meetingDate);
    what = what.slice(leading[0].length).trim();
  } else {
    const trailing = DUE_AT_END.exec(what);
    if (trailing && trailing.index > 0) {
      due = readDue(trailing[1]!, meetingDate);
      what = what.slice(0, trailing.index).trim();
    }
  }
  what = what.replace(/^[,:\s]+|[,;。\s]+$/g, '');
  if (task && what === '') return [{ name: null, text, due: null, line: text }];
  return whoWrote.map((name) => ({ name, text: what, due, line: text }));
}

/** A label line: 「参会：王芳、李强」 → attendees and what follows the colon. */
function labelOf(line: string): { field: (typeof LABELS)[number][1]; rest: string } | null {
  for (const [pattern, field] of LABELS) {
    const m = pattern.exec(line);
    if (!m) continue;
    const after = line.slice(m[0].length);
    const separated = /^\s*(?::|$)\s*/.exec(after);
    if (separated) return { field, rest: after.slice(separated[0].length) };
  }
  return null;
}

export function parseMinutes(text: string, today: string): ParsedMinutes {
  const lines = text
    .normalize('NFKC')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  let date: string | null = null;
  const found = { attendees: [] as string[], absent: [] as string[], topics: [] as string[], decisions: [] as string[] };
  const taskLines: string[] = [];
  let section: 'tasks' | 'decisions' | 'topics' | null = null;
  for (const [index, line] of lines.entries()) {
    const label = labelOf(line);
    if (label) {
      if (label.field === 'date') date = dateIn(label.rest, today) ?? date;
      else if (label.field === 'attendees' || label.field === 'absent') found[label.field].push(...names(label.rest));
      else if (label.field === 'tasks') {
        section = 'tasks';
        if (label.rest) taskLines.push(...splitItems(label.rest, { enumeration: false }));
      } else if (label.field === 'decisions' || label.field === 'topics') {
        section = label.field;
        found[label.field].push(...splitItems(label.rest));
      }
      continue;
    }
    if (index === 0 && date === null && dateIn(line, today) && !TASK.test(line.replace(/^[\d.、)\s]+/, ''))) {
      date = dateIn(line, today);
      continue;
    }
    if (section === 'tasks') {
      taskLines.push(...splitItems(line, { enumeration: false }));
      continue;
    }
    const bare = line.replace(/^(?:\(?\d{1,2}[.、)]|[-*·•])\s*/, '');
    if (SEPARATE_NAME.test(bare) && parseTask(bare, today)[0]?.due) taskLines.push(bare);
    else found[section ?? 'decisions'].push(...splitItems(line));
  }
  const meetingDate = date ?? today;
  return { date: meetingDate, ...found, tasks: taskLines.flatMap((line) => parseTask(line, meetingDate)) };
}
