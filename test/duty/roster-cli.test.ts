import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client.ts';
import { seedDemoIfEmpty } from '../../src/sandbox/demo.ts';
import { tempDir } from '../helpers/app.ts';
import { freshDb } from '../helpers/database.ts';
import { shequ } from '../helpers/cli.ts';
import { headerOf, linesOf, officeCell } from '../helpers/ledger.ts';

/** The office's own 值班表 through the real `shequ` bin on a SQLite file with the demo community. */
async function office(): Promise<{ dir: string; env: Record<string, string> }> {
  const dir = tempDir();
  const { db, url: databaseUrl } = await freshDb();
  await seedDemoIfEmpty(db);
  await db.$disconnect();
  return { dir, env: { DATABASE_URL: databaseUrl } };
}

async function xlsx(file: string, rows: (string | Date)[][]): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('值班表');
  for (const row of rows) sheet.addRow(row);
  await book.xlsx.writeFile(file);
}

describe('shequ roster import', () => {
  it('names every bad row by its number and imports nothing', async () => {
    const { dir, env } = await office();
    const file = path.join(dir, '值班表.xlsx');
    await xlsx(file, [
      ['日期', '班次', '值班人员', '带班领导'],
      ['2026-12-05', '白班', '张伟、刘洋', '王芳'],
      ['2026-12-06', '早班', '张伟', ''],
      ['2026-12-07', '夜班', '王五', ''],
      ['12/8', '夜班', '刘洋', ''],
    ]);
    const result = await shequ(['roster', 'import', file], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('值班表有 3 处错误，未导入任何数据');
    expect(result.stderr).toContain('第 3 行：班次「早班」不认识（可用：白班、夜班、24小时班，或写时间 08:00-17:30）');
    expect(result.stderr).toContain('第 4 行：「王五」不在幸福社区的花名册里');
    expect(result.stderr).toContain('第 5 行：日期「12/8」应写成 2026-12-05');
    const db = createDb(env.DATABASE_URL!);
    expect(await db.dutySeat.count()).toBe(0);
    await db.$disconnect();
  });

  it('imports dates and a weekly pattern; show prints, exports JSON and XLSX with who was planned and who did it', async () => {
    const { dir, env } = await office();
    const file = path.join(dir, '值班表.csv');
    fs.writeFileSync(
      file,
      ['日期,星期,班次,值班人员,带班领导', '2026-12-05,,白班,张伟、刘洋,王芳', '2026-12-05,,17:30-次日08:00,陈静,', ',周三,白班,刘洋,李强'].join('\n'),
    );
    const imported = await shequ(['roster', 'import', file, '--from', '2026-12-01', '--to', '2026-12-14'], env);
    expect(imported.stderr).toBe('');
    // 12-05: two 白班 seats, a night seat, the leader; 周三 12-02 and 12-09: a 白班 seat and the leader each.
    expect(imported.stdout).toBe('值班表导入完成：新排 8 个班，调整 0 个（记为导入调整，原计划保留在台账里）。\n');
    // Importing a changed sheet over it changes the seat by an override: planned stays 张伟.
    fs.writeFileSync(file, ['日期,班次,值班人员', '2026-12-05,白班,陈静、刘洋'].join('\n'));
    expect((await shequ(['roster', 'import', file], env)).stdout).toContain('调整 1 个');

    const text = await shequ(['roster', 'show', '2026-12'], env);
    expect(text.stdout).toContain('12月5日（周六）\n  白班 08:00-17:30：陈静（替张伟）、刘洋\n  值班 17:30-次日08:00：陈静\n  带班领导：王芳');
    expect(text.stdout).toContain('12月9日（周三）\n  白班 08:00-17:30：刘洋\n  带班领导：李强');

    const json = await shequ(['roster', 'show', '2026-12', '--format', 'json'], env);
    const shown = JSON.parse(json.stdout);
    const day = shown.communities[0].days.find((d: { date: string }) => d.date === '2026-12-05');
    expect(day.leader).toBe('王芳');
    expect(day.shifts[0]).toMatchObject({ shift: '白班', start: '2026-12-05 08:00', end: '2026-12-05 17:30', seat: 1, planned: '张伟', onDuty: '陈静', source: 'import' });
    expect(day.shifts[0].overrides).toEqual([{ kind: 'import', from: '张伟', to: '陈静', by: null, at: expect.any(String) }]);
    expect(day.shifts[2]).toMatchObject({ start: '2026-12-05 17:30', end: '2026-12-06 08:00', onDuty: '陈静' });

    const out = path.join(dir, 'out.xlsx');
    const exported = await shequ(['roster', 'show', '2026-12', '--format', 'xlsx', '--out', out], env);
    expect([exported.stdout, exported.stderr]).toEqual(['', `已导出 2026-12 值班表：${out}\n`]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet('值班表')!;
    expect(headerOf(sheet, '社区')).toEqual(['社区', '日期', '星期', '节假日', '班次', '时间', '岗位', '计划值班', '实际值班', '调整记录', '到岗时间', '交班时间', '交班情况']);
    const lines = linesOf(sheet, '社区');
    expect(lines[0]!.slice(0, 9)).toEqual(['幸福社区', officeCell('2026-12-02'), '周三', '', '白班', '08:00-17:30', 1, '刘洋', '刘洋']);
    const changed = lines[2]!.slice(0, 10);
    expect(changed.slice(0, 9)).toEqual(['幸福社区', officeCell('2026-12-05'), '周六', '', '白班', '08:00-17:30', 1, '张伟', '陈静']);
    expect(String(changed[9])).toMatch(/^导入调整 张伟→陈静（2026-\d\d-\d\d \d\d:\d\d）$/);

    const bad = await shequ(['roster', 'show', '2026-13'], env);
    expect([bad.code, bad.stderr]).toEqual([1, '月份应为 YYYY-MM (month must be YYYY-MM): 2026-13\n']);
  }, 120_000); // a dozen CLI processes, each starting tsx and opening the database
});
