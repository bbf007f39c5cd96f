import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import type { Command } from 'commander';
import { dayLabel, daysText, OVERRIDE_TEXT, spanText } from './format.ts';
import { DutyImportError, importDutySheet, validateDutySheet } from './import.ts';
import { loadRoster, type RosterDay } from './roster.ts';
import type { Translate } from '../../src/i18n/index.ts';
import { textOf } from '../../src/i18n/value-text.ts';
import type { Policy } from '../../src/config/policy.ts';
import { readSheet } from '../../src/roster/read-sheet.ts';
import { formatDateTime, officeDate, parseOfficeTime, addDays } from '../../src/time/office-time.ts';
import { UsageError, withDatabase, type CliConfig } from '../../src/cli/context.ts';

const isoDate = (value: string | undefined, flag: string): string | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value).isValid) throw new UsageError(`${flag} 应为 YYYY-MM-DD (must be YYYY-MM-DD): ${value}`);
  return value;
};

/** `shequ roster import 值班表.xlsx [--from D] [--to D] [--community 名]` */
async function importAction(file: string, options: { from?: string; to?: string; community?: string }, { env, policy }: CliConfig): Promise<void> {
  if (!fs.existsSync(file)) throw new UsageError(`找不到文件 (no such file): ${file}`);
  const now = new Date();
  const from = isoDate(options.from, '--from') ?? officeDate(now, policy.timezone);
  const to = isoDate(options.to, '--to') ?? addDays(from, 27);
  let rows;
  try {
    rows = await readSheet(file);
  } catch (error) {
    throw new UsageError(`无法读取值班表 (cannot read the sheet): ${(error as Error).message}`);
  }
  const result = await withDatabase(env, async (db) => {
    let entries;
    try {
      entries = await validateDutySheet(db, policy, rows, { from, to, defaultCommunity: options.community ?? null });
    } catch (error) {
      if (error instanceof DutyImportError) throw new UsageError(error.message);
      throw error;
    }
    return importDutySheet(db, policy, entries, now);
  });
  process.stdout.write(`值班表导入完成：新排 ${result.created} 个班，调整 ${result.changed} 个（记为导入调整，原计划保留在台账里）。\n`);
}

interface ShownCommunity {
  community: string;
  days: RosterDay[];
}

function seatJson(policy: Policy, days: RosterDay[]) {
  const time = (d: Date | null) => (d ? formatDateTime(d, policy.timezone) : null);
  return days.map((day) => ({
    date: day.date,
    holiday: day.holiday,
    leader: day.leader?.name ?? null,
    shifts: day.seats.map((s) => ({
      shift: s.shiftName,
      start: time(s.startAt),
      end: time(s.endAt),
      seat: s.seat + 1,
      planned: (s.planned ?? s.person)?.name ?? null,
      onDuty: s.person?.name ?? null,
      source: s.source,
      overrides: s.overrides.map((o) => ({ ...o, at: time(o.at) })),
      checkedInAt: time(s.checkedInAt),
      handoverAt: time(s.handoverAt),
      handoverNote: s.handoverNote,
    })),
  }));
}

async function writeXlsx(t: Translate, policy: Policy, shown: ShownCommunity[], out: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(t('duty.sheet.roster'));
  const keys = ['community', 'date', 'holiday', 'shift', 'time', 'seat', 'planned', 'onDuty', 'changes', 'checkedInAt', 'handoverAt', 'handoverNote'] as const;
  const widths = [12, 16, 8, 10, 18, 6, 10, 10, 36, 17, 17, 24];
  sheet.columns = keys.map((key, i) => ({ header: t(`duty.col.${key}`), key, width: widths[i]! }));
  const time = (d: Date | null) => (d ? formatDateTime(d, policy.timezone) : '');
  for (const { community, days } of shown) {
    for (const day of days) {
      for (const s of day.seats) {
        sheet.addRow({
          community,
          date: dayLabel(t, day.date),
          holiday: day.holiday ?? '',
          shift: s.shiftName,
          time: spanText(t, policy, s.startAt, s.endAt),
          seat: s.seat + 1,
          planned: (s.planned ?? s.person)?.name ?? '',
          onDuty: s.person?.name ?? t('duty.vacant'),
          changes: s.overrides.map((o) => t('duty.col.change', { kind: textOf(t, OVERRIDE_TEXT, o.kind), from: o.from ?? '—', to: o.to ?? '—', at: time(o.at) })).join('；'),
          checkedInAt: time(s.checkedInAt),
          handoverAt: time(s.handoverAt),
          handoverNote: s.handoverNote ?? '',
        });
      }
      if (day.leader) sheet.addRow({ community, date: dayLabel(t, day.date), holiday: day.holiday ?? '', shift: t('duty.col.leader'), onDuty: day.leader.name, planned: day.leader.name });
    }
  }
  sheet.getRow(1).font = { bold: true };
  await book.xlsx.writeFile(out);
}

/** `shequ roster show 2026-12 [--community 名] [--format text|json|xlsx] [--out file]` */
async function showAction(month: string, options: { community?: string; format: string; out?: string; now?: string }, config: CliConfig): Promise<void> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`月份应为 YYYY-MM (month must be YYYY-MM): ${month}`);
  if (!['text', 'json', 'xlsx'].includes(options.format)) throw new UsageError(`--format 应为 text、json 或 xlsx (must be text, json or xlsx): ${options.format}`);
  const { env, policy, t } = config;
  const now = options.now ? parseOfficeTime(options.now, policy.timezone) : new Date();
  if (!now) throw new UsageError(`--now 不是有效时间 (not an ISO time): ${options.now}`);
  const from = `${month}-01`;
  const to = DateTime.fromISO(from, { zone: 'UTC' }).endOf('month').toISODate()!;
  const shown = await withDatabase(env, (db) =>
    db.$transaction(async (tx) => {
      const communities = await tx.community.findMany({ where: options.community ? { name: options.community } : {}, orderBy: { id: 'asc' } });
      if (options.community && communities.length === 0) throw new UsageError(`找不到社区 (no such community): ${options.community}`);
      const result: ShownCommunity[] = [];
      for (const c of communities) result.push({ community: c.name, days: await loadRoster(tx, policy, c.id, from, to, now) });
      return result;
    }),
  );
  if (options.format === 'xlsx') {
    const out = options.out ?? `值班表-${options.community ?? '全部社区'}-${month}.xlsx`;
    await writeXlsx(t, policy, shown, out);
    process.stdout.write(`已导出 ${month} 值班表：${out}\n`);
    return;
  }
  const text =
    options.format === 'json'
      ? `${JSON.stringify({ month, timezone: policy.timezone, communities: shown.map((c) => ({ community: c.community, days: seatJson(policy, c.days) })) }, null, 2)}\n`
      : `${shown.map((c) => `${c.community} ${month}\n${daysText(t, policy, c.days)}`).join('\n\n')}\n`;
  if (options.out) fs.writeFileSync(options.out, text);
  else process.stdout.write(text);
}

/** The `roster` command group: the duty roster set up and shown without code. */
export function addRosterCommands(program: Command, config: () => CliConfig): void {
  const roster = program.command('roster').description('值班表 (duty roster): import a sheet, show or export a month');
  roster
    .command('import')
    .description('导入值班表 (import the office 值班表: 日期 or 星期, 班次, 值班人员, optional 带班领导, 社区)')
    .argument('<file>', '.csv or .xlsx file')
    .option('--from <YYYY-MM-DD>', '星期 rows apply from this date (default: today)')
    .option('--to <YYYY-MM-DD>', '… to this date (default: four weeks)')
    .option('--community <name>', '社区 of rows without one')
    .action((file: string, options: Parameters<typeof importAction>[1]) => importAction(file, options, config()));
  roster
    .command('show')
    .description('显示或导出一个月的值班表 (show or export a month: planned, on duty, changes, check-ins, handovers)')
    .argument('<month>', 'YYYY-MM')
    .option('--community <name>', '社区 (default: every community)')
    .option('--format <format>', 'text, json or xlsx', 'text')
    .option('--out <file>', 'output file')
    .option('--now <time>', 'ISO time the roster is generated at (default: now)')
    .action((month: string, options: Parameters<typeof showAction>[1]) => showAction(month, options, config()));
}
