import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { readCalendarFile } from '../calendar/calendar-file.ts';
import { loadCalendar, removeCalendarEntry, saveCalendarEntries } from '../calendar/calendar-store.ts';
import type { DayInfo } from '../calendar/office-calendar.ts';
import { loadEnv } from '../config/env.ts';
import { UsageError, withDatabase } from './context.ts';

/** `shequ calendar <YYYY-MM> | load <file> | set <date> 休|班 <name> | clear <date>`: the office calendar. */

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const KINDS: Record<DayInfo['kind'], string> = { workday: '工作日', weekend: '休息日', holiday: '节假日', makeup_workday: '调休上班' };
const SOURCES: Record<DayInfo['source'], string> = { official: '国家日历(chinese-days)', office: '本办公室录入', 'weekend rule': '周末规则' };
const USAGE = '用法 (usage): shequ calendar <YYYY-MM> | load <file> | set <YYYY-MM-DD> 休|班 <名称> | clear <YYYY-MM-DD>';

function isDate(value: string | undefined): value is string {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}

export async function calendarAction(what: string, rest: string[]): Promise<void> {
  const env = loadEnv();
  if (/^\d{4}-\d{2}$/.test(what) && DateTime.fromISO(`${what}-01`).isValid) {
    const lines = await withDatabase(env, async (db) => {
      const calendar = await loadCalendar(db);
      const year = Number(what.slice(0, 4));
      const warning = calendar.knowsYear(year)
        ? []
        : [`注意：${year} 年的国家法定节假日尚未录入，下面只按周末推算。国务院办公厅通知发布后请用 shequ calendar load <文件> 载入。`];
      const days = calendar.month(what).map((d) => [d.date, WEEKDAYS[d.weekday], KINDS[d.kind], d.name ?? '', SOURCES[d.source]].join('\t'));
      return [...warning, ...days];
    });
    process.stdout.write(`${lines.join('\n')}\n`);
    return;
  }
  if (what === 'load') {
    const file = rest[0];
    if (!file || !fs.existsSync(file)) throw new UsageError(`找不到文件 (no such file): ${file ?? ''}`);
    let entries;
    try {
      entries = readCalendarFile(file);
    } catch (error) {
      throw new UsageError(`日历文件有误 (invalid calendar file) ${file}:\n${(error as Error).message}`);
    }
    await withDatabase(env, (db) => saveCalendarEntries(db, entries, `file:${path.basename(file)}`));
    const holidays = entries.filter((e) => e.kind === 'holiday').length;
    process.stdout.write(`已载入 ${entries.length} 天：放假 ${holidays} 天，调休上班 ${entries.length - holidays} 天。\n`);
    return;
  }
  if (what === 'set') {
    const [date, kind, ...name] = rest;
    if (!isDate(date) || (kind !== '休' && kind !== '班') || name.length === 0) throw new UsageError(USAGE);
    const entry = { date, kind: kind === '休' ? ('holiday' as const) : ('workday' as const), name: name.join(' ') };
    await withDatabase(env, (db) => saveCalendarEntries(db, [entry], 'office'));
    process.stdout.write(`已设置 ${date}：${kind === '休' ? '放假' : '上班'}（${entry.name}）。\n`);
    return;
  }
  if (what === 'clear') {
    const date = rest[0];
    if (!isDate(date)) throw new UsageError(USAGE);
    const removed = await withDatabase(env, (db) => removeCalendarEntry(db, date));
    process.stdout.write(removed ? `已清除 ${date} 的本办公室录入，恢复国家日历。\n` : `${date} 没有本办公室录入。\n`);
    return;
  }
  throw new UsageError(USAGE);
}
