import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultPolicy, translate } from '../../commands/index.ts';
import { UsageError } from '../../src/cli/context.ts';
import { loadEnv } from '../../src/config/env.ts';
import { registerFamilies } from '../../src/core/family.ts';
import type { Db } from '../../src/db/client.ts';
import { cellValue } from '../../src/ledger/cells.ts';
import { addReportCommands } from '../../src/ledger/cli.ts';
import { sheet, type CellInput, type ColumnKind, type Ledger, type LedgerContext } from '../../src/ledger/ledger.ts';
import { parsePeriod } from '../../src/ledger/period.ts';
import { tempDir } from '../helpers/app.ts';
import { freshDb } from '../helpers/database.ts';
import { headerOf, headerRowOf, linesOf, officeCell } from '../helpers/ledger.ts';

/**
 * The ledger pipeline's own behaviour, with a small ledger declared here and read from a real
 * database: the options of `shequ report <name>`, the periods, the cells of each kind, the title
 * block above the header, the totals row, JSON and XLSX, and the summary line on stderr.
 */

const ZONE = 'Asia/Shanghai';

describe('the period of --month and --week', () => {
  const cases: [string, { month?: string; week?: string }, 'month' | 'week-or-month', Partial<ReturnType<typeof parsePeriod>> | string][] = [
    ['a month', { month: '2026-12' }, 'month', { kind: 'month', value: '2026-12', from: '2026-12-01', to: '2026-12-31', start: new Date('2026-11-30T16:00:00Z'), end: new Date('2026-12-31T16:00:00Z') }],
    ['February of a leap year', { month: '2028-02' }, 'month', { from: '2028-02-01', to: '2028-02-29' }],
    ['month 13', { month: '2026-13' }, 'month', '--month 应为 YYYY-MM (must be YYYY-MM): 2026-13'],
    ['a one-digit month', { month: '2026-2' }, 'month', '--month 应为 YYYY-MM (must be YYYY-MM): 2026-2'],
    ['a date for a month', { month: '2026-12-01' }, 'month', '--month 应为 YYYY-MM (must be YYYY-MM): 2026-12-01'],
    ['an ISO week', { week: '2026-W49' }, 'week-or-month', { kind: 'week', value: '2026-W49', from: '2026-11-30', to: '2026-12-06', start: new Date('2026-11-29T16:00:00Z'), end: new Date('2026-12-06T16:00:00Z') }],
    ['the week that belongs to the next year', { week: '2026-W01' }, 'week-or-month', { from: '2025-12-29', to: '2026-01-04' }],
    ['week 53 of a year that has one', { week: '2026-W53' }, 'week-or-month', { from: '2026-12-28', to: '2027-01-03' }],
    ['week 53 of a year that has none', { week: '2025-W53' }, 'week-or-month', '--week 应为 YYYY-Www，如 2026-W49 (must be an ISO week): 2025-W53'],
    ['a week without its W', { week: '2026-49' }, 'week-or-month', '--week 应为 YYYY-Www，如 2026-W49 (must be an ISO week): 2026-49'],
    ['a month where weeks are taken', { month: '2026-11' }, 'week-or-month', { kind: 'month', from: '2026-11-01', to: '2026-11-30' }],
    ['both', { week: '2026-W49', month: '2026-12' }, 'week-or-month', '请给 --week 或 --month 其中一个 (give either --week YYYY-Www or --month YYYY-MM)'],
    ['neither', {}, 'week-or-month', '请给 --week 或 --month 其中一个 (give either --week YYYY-Www or --month YYYY-MM)'],
  ];
  it.each(cases)('%s', (_, options, kind, expected) => {
    if (typeof expected === 'string') {
      expect(() => parsePeriod(options, kind, ZONE)).toThrow(new UsageError(expected));
    } else {
      expect(parsePeriod(options, kind, ZONE)).toMatchObject(expected);
    }
  });
});

describe('the cells of each kind', () => {
  // Instants are converted to the office's wall clock; office-time text is taken as written.
  const cases: [ColumnKind, CellInput, string, unknown][] = [
    ['datetime', new Date('2026-11-03T00:30:00Z'), ZONE, officeCell('2026-11-03 08:30')],
    ['datetime', '2026-11-03 08:30', ZONE, officeCell('2026-11-03 08:30')],
    ['datetime', new Date('2026-11-03T16:30:00Z'), ZONE, officeCell('2026-11-04 00:30')],
    // New York leaves summer time at 02:00 on 2026-11-01: 05:30Z is 01:30 EDT, 06:30Z is 01:30 EST.
    ['datetime', new Date('2026-11-01T05:30:00Z'), 'America/New_York', officeCell('2026-11-01 01:30')],
    ['datetime', new Date('2026-11-01T06:30:00Z'), 'America/New_York', officeCell('2026-11-01 01:30')],
    ['datetime', new Date('2026-11-01T07:30:00Z'), 'America/New_York', officeCell('2026-11-01 02:30')],
    ['date', '2026-11-03', ZONE, officeCell('2026-11-03')],
    ['date', new Date('2026-11-03T16:30:00Z'), ZONE, officeCell('2026-11-04')],
    ['time', new Date('2026-11-03T09:05:30Z'), ZONE, officeCell('17:05:30')],
    ['time', '17:05', ZONE, officeCell('17:05:00')],
    ['time', '2026-11-03 17:05', ZONE, officeCell('17:05:00')],
    ['number', 150, ZONE, 150],
    ['number', 0, ZONE, 0],
    ['hours', 1.5, ZONE, 1.5],
    ['boolean', true, ZONE, '是'],
    ['boolean', false, ZONE, null],
    ['text', '区里开会', ZONE, '区里开会'],
    ['text', '', ZONE, null],
    ['datetime', null, ZONE, null],
    ['number', undefined, ZONE, null],
    // Text that is no date is kept as text, never lost.
    ['date', '待定', ZONE, '待定'],
  ];
  it.each(cases)('%s %o in %s', async (kind, input, zone, expected) => {
    // Written and read back as Excel does: a date-time is a serial number with a date format.
    const book = new ExcelJS.Workbook();
    const cell = book.addWorksheet('s').getCell('A1');
    cell.value = cellValue(kind, input, zone, '是');
    cell.numFmt = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm', time: 'hh:mm:ss' }[kind as string] ?? 'General';
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(await book.xlsx.writeBuffer());
    expect(read.worksheets[0]!.getCell('A1').value).toEqual(expected);
  });
});

interface Visit {
  id: number;
  community: string;
  day: string;
  at: Date;
  clock: string;
  hours: number;
  byPhone: boolean;
  note: string | null;
}

/** What the loader was asked for, to check what the pipeline hands it. */
let asked: LedgerContext | null = null;

/** Two visits per community of the database (one, with --community), and a totals row of their hours. */
const visitsLedger: Ledger<Visit[]> = {
  name: 'visits',
  description: '走访 (visits)',
  title: 'leave.ledger.title',
  period: 'week-or-month',
  load: async (tx, context) => {
    asked = context;
    const communities = await tx.community.findMany({ where: context.community ? { id: context.community.id } : {}, orderBy: { id: 'asc' } });
    return communities.flatMap((c, i) => [
      { id: 2 * i + 1, community: c.name, day: context.period.from, at: new Date('2026-11-03T00:30:00Z'), clock: '17:05:30', hours: 1.5, byPhone: true, note: '区里开会' },
      { id: 2 * i + 2, community: c.name, day: context.period.to, at: new Date('2026-11-03T16:30:00Z'), clock: '08:00', hours: 2, byPhone: false, note: null },
    ]);
  },
  json: (visits, { period }) => ({ period: period.value, visits }),
  summary: (visits, { period }) => `${period.value} 走访 ${visits.length} 次`,
  sheets: [
    sheet<Visit[], Visit>({
      name: 'leave.sheet.register',
      rows: (visits) => visits,
      totals: (visits) => ({ ...visits[0]!, id: 0, community: '合计', hours: visits.reduce((sum, v) => sum + v.hours, 0) }),
      columns: [
        { header: 'leave.col.id', width: 6, kind: 'number', value: (v) => v.id || null },
        { header: 'leave.col.community', width: 12, kind: 'text', value: (v) => v.community },
        { header: 'attendance.col.date', width: 11, kind: 'date', value: (v) => v.day },
        { header: 'leave.col.start', width: 17, kind: 'datetime', value: (v) => v.at },
        { header: 'attendance.col.checkIn', width: 10, kind: 'time', value: (v) => v.clock },
        { header: 'leave.col.workDays', width: 8, kind: 'hours', value: (v) => v.hours },
        { header: 'leave.col.byPhone', width: 6, kind: 'boolean', value: (v) => v.byPhone },
        { header: 'leave.col.reason', width: 20, kind: 'text', value: (v) => v.note },
      ],
    }),
  ],
  notes: { name: 'attendance.sheet.rules', text: ({ period }) => `说明 ${period.value}` },
};

let db: Db;
let databaseUrl: string;
beforeAll(async () => {
  ({ db, url: databaseUrl } = await freshDb());
  await db.community.createMany({ data: [{ name: '幸福社区' }, { name: '和平社区' }] });
});
afterAll(async () => db.$disconnect());

const config = () => ({ env: loadEnv({ LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl }), policy: defaultPolicy(), t: translate('zh-CN') });

/** `shequ report <args>` in this process, through the same commander set-up as the bin: what it printed, or the error. */
async function report(...args: string[]): Promise<{ stdout: string; stderr: string; error: Error | null }> {
  const program = new Command('shequ').exitOverride();
  addReportCommands(program, [visitsLedger], config);
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((text) => ((stdout += String(text)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((text) => ((stderr += String(text)), true));
  try {
    await program.parseAsync(['report', 'visits', ...args], { from: 'user' });
    return { stdout, stderr, error: null };
  } catch (error) {
    return { stdout, stderr, error: error as Error };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

describe('shequ report <name>', () => {
  let cwd: string;
  afterEach(() => cwd && process.chdir(cwd));

  it('writes XLSX by default: a title block to sign above a frozen header, real dates and times, widths, a bold totals row, a notes sheet', async () => {
    const file = path.join(tempDir(), 'visits.xlsx');
    // 20:00 UTC on 11-30 is 12-01 in the office: the title block says the office's date.
    const { stdout, stderr, error } = await report('--month', '2026-11', '--community', '幸福社区', '--out', file, '--now', '2026-11-30T20:00:00Z');
    expect(error).toBeNull();
    expect([stdout, stderr]).toEqual(['', `已导出 2026-11 走访 2 次：${file}\n`]);
    expect(asked).toMatchObject({ community: { name: '幸福社区' }, period: { kind: 'month', value: '2026-11' }, now: new Date('2026-11-30T20:00:00Z') });

    const book = await workbook(file);
    expect(book.worksheets.map((s) => s.name)).toEqual(['请销假登记', '说明']);
    const table = book.getWorksheet('请销假登记')!;
    const titleLines = [1, 2, 3, 4].map((n) => table.getRow(n).getCell(1).value ?? '');
    expect(titleLines).toEqual(['请销假登记', '社区：幸福社区　　月份：2026-11　　制表日期：2026-12-01', `制表人：${'　'.repeat(10)}　　审核人：${'　'.repeat(10)}`, '']);
    expect([table.getRow(1).getCell(1).font, table.getRow(5).getCell(1).font]).toMatchObject([{ bold: true }, { bold: true }]);
    // A reader that looks for the header row by a column's name finds it under the title block, and the view is frozen below it.
    expect(headerRowOf(table, '编号')).toBe(5);
    expect(table.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(headerOf(table, '编号')).toEqual(['编号', '社区', '日期', '开始', '签到', '工作日', '补假', '事由']);
    expect(table.columns.map((c) => c.width)).toEqual([6, 12, 11, 17, 10, 8, 6, 20]);
    expect(linesOf(table, '编号')).toEqual([
      [1, '幸福社区', officeCell('2026-11-01'), officeCell('2026-11-03 08:30'), officeCell('17:05:30'), 1.5, '是', '区里开会'],
      [2, '幸福社区', officeCell('2026-11-30'), officeCell('2026-11-04 00:30'), officeCell('08:00:00'), 2, '', ''],
      ['', '合计', officeCell('2026-11-01'), officeCell('2026-11-03 08:30'), officeCell('17:05:30'), 3.5, '是', '区里开会'],
    ]);
    const first = table.getRow(6);
    expect([3, 4, 5, 6].map((n) => first.getCell(n).numFmt)).toEqual(['yyyy-mm-dd', 'yyyy-mm-dd hh:mm', 'hh:mm:ss', '0.00']);
    expect(first.getCell(8).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(first.getCell(2).font?.bold).toBeFalsy();
    expect(table.getRow(8).getCell(2).font).toMatchObject({ bold: true });
    const notes = book.getWorksheet('说明')!;
    expect(notes.getRow(1).getCell(1).value).toBe('请销假登记');
    expect(notes.getRow(5).getCell(1).value).toBe('说明 2026-11');
  });

  it('a week, every community, and the file named after the ledger, community and period when --out is omitted', async () => {
    const dir = tempDir();
    cwd = process.cwd();
    process.chdir(dir);
    const { stderr, error } = await report('--week', '2026-W49', '--now', '2026-12-01T09:00:00');
    expect(error).toBeNull();
    expect(stderr).toBe('已导出 2026-W49 走访 4 次：请销假登记-全部社区-2026-W49.xlsx\n');
    const table = (await workbook(path.join(dir, '请销假登记-全部社区-2026-W49.xlsx'))).getWorksheet('请销假登记')!;
    expect(table.getRow(2).getCell(1).value).toBe('社区：全部社区　　周次：2026-W49（2026-11-30 至 2026-12-06）　　制表日期：2026-12-01');
    expect(linesOf(table, '编号').map((line) => line.slice(0, 3))).toEqual([
      [1, '幸福社区', officeCell('2026-11-30')],
      [2, '幸福社区', officeCell('2026-12-06')],
      [3, '和平社区', officeCell('2026-11-30')],
      [4, '和平社区', officeCell('2026-12-06')],
      ['', '合计', officeCell('2026-11-30')],
    ]);
  });

  it('writes the JSON ledger as the family makes it, to stdout or to --out; the summary line goes to stderr either way', async () => {
    const printed = await report('--month', '2026-11', '--community', '和平社区', '--format', 'json');
    expect(printed.error).toBeNull();
    const visits = [
      { id: 1, community: '和平社区', day: '2026-11-01', at: '2026-11-03T00:30:00.000Z', clock: '17:05:30', hours: 1.5, byPhone: true, note: '区里开会' },
      { id: 2, community: '和平社区', day: '2026-11-30', at: '2026-11-03T16:30:00.000Z', clock: '08:00', hours: 2, byPhone: false, note: null },
    ];
    expect(printed.stdout).toBe(`${JSON.stringify({ period: '2026-11', visits }, null, 2)}\n`);
    expect(printed.stderr).toBe('已导出 2026-11 走访 2 次：标准输出\n');
    const file = path.join(tempDir(), 'visits.json');
    const written = await report('--month', '2026-11', '--community', '和平社区', '--format', 'json', '--out', file);
    expect([written.stdout, written.stderr]).toEqual(['', `已导出 2026-11 走访 2 次：${file}\n`]);
    expect(fs.readFileSync(file, 'utf8')).toBe(printed.stdout);
  });

  const refusals: [string, string[], string][] = [
    ['a bad month', ['--month', '2026-13'], '--month 应为 YYYY-MM (must be YYYY-MM): 2026-13'],
    ['a bad week', ['--week', '2026-49'], '--week 应为 YYYY-Www，如 2026-W49 (must be an ISO week): 2026-49'],
    ['a week and a month', ['--week', '2026-W49', '--month', '2026-12'], '请给 --week 或 --month 其中一个 (give either --week YYYY-Www or --month YYYY-MM)'],
    ['another format', ['--month', '2026-11', '--format', 'csv'], '--format 应为 xlsx 或 json (must be xlsx or json): csv'],
    ['an unknown community', ['--month', '2026-11', '--community', '无名社区'], '找不到社区 (no such community): 无名社区'],
    ['a bad --now', ['--month', '2026-11', '--now', '昨天'], '--now 不是有效时间 (not an ISO time): 昨天'],
  ];
  it.each(refusals)('refuses %s with a clear message and writes nothing', async (_, args, message) => {
    const dir = tempDir();
    const { stdout, stderr, error } = await report(...args, '--out', path.join(dir, 'out.xlsx'));
    expect(error).toEqual(new UsageError(message));
    expect([stdout, stderr, fs.readdirSync(dir)]).toEqual(['', '', []]);
  });

  it('--help says what each option takes', async () => {
    const program = new Command('shequ');
    addReportCommands(program, [visitsLedger, { ...visitsLedger, name: 'monthly', period: 'month' }], config);
    const help = (name: string) => program.commands.find((c) => c.name() === 'report')!.commands.find((c) => c.name() === name)!.helpInformation();
    expect(help('visits')).toMatch(/--week <YYYY-Www>\s+ISO 周，如 2026-W49/);
    expect(help('visits')).toMatch(/--month <YYYY-MM>\s+月份，如 2026-12/);
    expect(help('monthly')).not.toContain('--week');
    expect(help('monthly')).toMatch(/--format <format>\s+xlsx or json \(default: "xlsx"\)/);
  });

  it('two families exporting one ledger name fail at start', () => {
    const family = (id: string) => ({ id, commands: [], ledgers: [visitsLedger] });
    expect(() => registerFamilies([family('a'), family('b')])).toThrow('two families export the ledger "visits"');
  });
});
