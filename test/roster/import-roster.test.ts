import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { importRoster, RosterError, validateRoster } from '../../src/roster/import-roster.ts';
import { readSheet } from '../../src/roster/read-sheet.ts';
import { tempDir } from '../helpers/app.ts';
import { freshDb } from '../helpers/database.ts';

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = tempDir();
  db = (await freshDb('roster')).db;
});
afterEach(() => db.$disconnect());

const HEADER = '姓名,角色,社区,街道,手机,生日,网格';

describe('reading sheets', () => {
  it('reads CSV in UTF-8 with a BOM and in GBK, as Excel saves it', async () => {
    const text = `${HEADER}\n王芳,书记,幸福社区,幸福街道,13800000001,1975/3/2,\n`;
    fs.writeFileSync(path.join(dir, 'utf8.csv'), `\uFEFF${text}`);
    fs.writeFileSync(path.join(dir, 'gbk.csv'), Buffer.from(new TextEncoderGbk().encode(text)));
    for (const file of ['utf8.csv', 'gbk.csv']) {
      const [row] = await readSheet(path.join(dir, file));
      expect(row).toEqual({ rowNumber: 2, cells: { 姓名: '王芳', 角色: '书记', 社区: '幸福社区', 街道: '幸福街道', 手机: '13800000001', 生日: '1975/3/2', 网格: '' } });
    }
  });

  it('reads XLSX, dates and numbers included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('花名册');
    sheet.addRow(HEADER.split(','));
    sheet.addRow(['张伟', '社工', '幸福社区', '幸福街道', 13800000002, new Date('1990-06-01T00:00:00Z'), '第一网格']);
    sheet.addRow([]);
    sheet.addRow(['赵敏', '社区建设科', '', '幸福街道']);
    const file = path.join(dir, 'roster.xlsx');
    await workbook.xlsx.writeFile(file);
    const rows = await readSheet(file);
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 4]);
    expect(rows[0]!.cells).toMatchObject({ 姓名: '张伟', 手机: '13800000002', 生日: '1990-06-01', 网格: '第一网格' });
    const entries = validateRoster(rows);
    expect(entries.map((e) => [e.name, e.roles, e.community, e.street])).toEqual([
      ['张伟', ['staff'], '幸福社区', '幸福街道'],
      ['赵敏', ['street_section'], null, '幸福街道'],
    ]);
  });
});

/** GBK encoding of the few characters used here, via Node's ICU decoder as an oracle. */
class TextEncoderGbk {
  encode(text: string): Uint8Array {
    const decoder = new TextDecoder('gb18030');
    const bytes: number[] = [];
    for (const char of text) {
      if (char.charCodeAt(0) < 0x80) {
        bytes.push(char.charCodeAt(0));
        continue;
      }
      let found = false;
      for (let hi = 0x81; hi <= 0xfe && !found; hi++) {
        for (let lo = 0x40; lo <= 0xfe; lo++) {
          if (decoder.decode(new Uint8Array([hi, lo])) === char) {
            bytes.push(hi, lo);
            found = true;
            break;
          }
        }
      }
      if (!found) throw new Error(`no GBK code for ${char}`);
    }
    return new Uint8Array(bytes);
  }
}

describe('validating and importing', () => {
  const rows = (lines: string[]) =>
    lines.map((line, index) => {
      const cells = line.split(',');
      return { rowNumber: index + 2, cells: Object.fromEntries(HEADER.split(',').map((name, i) => [name, cells[i] ?? ''])) };
    });

  it('reports every bad row by its row number and imports nothing', async () => {
    const sheet = rows([
      '王芳,书记,幸福社区,幸福街道,,,',
      ',社工,幸福社区,,,,',
      '张伟,组长,幸福社区,,,,',
      '刘洋,社工,,,,,',
      '赵敏,社区建设科,,,,,',
      '王芳,书记,幸福社区,,,,',
      '陈静,考勤员,幸福社区,,12ab,,',
    ]);
    let problems: string[] = [];
    try {
      validateRoster(sheet);
    } catch (error) {
      expect(error).toBeInstanceOf(RosterError);
      problems = (error as RosterError).problems;
    }
    expect(problems).toEqual([
      '第 3 行：姓名不能为空',
      '第 4 行：角色「组长」无法识别（可用：书记、副书记、主任、社工、考勤员、社区建设科、街道分管领导、街道主要领导、居民）',
      '第 5 行：刘洋是社区角色，「社区」不能为空',
      '第 6 行：赵敏是街道角色，「街道」不能为空',
      '第 7 行：与第 2 行是同一个人（王芳），请合并为一行',
      '第 8 行：手机号格式不对',
    ]);
    expect(await db.person.count()).toBe(0);
  });

  it('keeps nothing of an import that fails while writing', async () => {
    const entries = validateRoster(rows(['王芳,书记,幸福社区,幸福街道,,,', '张伟,社工,幸福社区,幸福街道,,,']));
    await expect(
      importRoster(db, entries, (done) => {
        if (done === 2) throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await db.person.count()).toBe(0);
    expect(await db.community.count()).toBe(0);
  });

  it('accepts several roles in one cell and English role names', async () => {
    const entries = validateRoster(rows(['张伟,社工、考勤员,幸福社区,,,,', 'Li,secretary,幸福社区,,,,']));
    expect(entries.map((e) => e.roles)).toEqual([['staff', 'attendance_officer'], ['secretary']]);
    expect(await importRoster(db, entries)).toEqual({ created: 2, updated: 0 });
  });
});
