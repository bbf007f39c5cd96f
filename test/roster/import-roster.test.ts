import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { importRoster, RosterConfirmationError, RosterError, validateRoster, type ImportOptions } from '../../src/roster/import-roster.ts';
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

/** Sheet rows as readSheet gives them, from comma-separated lines under `header`. */
const rows = (lines: string[], header = HEADER) =>
  lines.map((line, index) => {
    const cells = line.split(',');
    return { rowNumber: index + 2, cells: Object.fromEntries(header.split(',').map((name, i) => [name, cells[i] ?? ''])) };
  });

describe('validating and importing', () => {
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
      importRoster(db, entries, {
        onProgress: (done) => {
          if (done === 2) throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
    expect(await db.person.count()).toBe(0);
    expect(await db.community.count()).toBe(0);
  });

  it('accepts several roles in one cell and English role names', async () => {
    const entries = validateRoster(rows(['张伟,社工、考勤员,幸福社区,,,,', 'Li,secretary,幸福社区,,,,']));
    expect(entries.map((e) => e.roles)).toEqual([['staff', 'attendance_officer'], ['secretary']]);
    expect(await importRoster(db, entries)).toMatchObject({ created: 2, updated: 0 });
  });
});

/** The problems validateRoster reports for a sheet (none: an empty list). */
function problemsOf(sheet: ReturnType<typeof rows>): string[] {
  try {
    validateRoster(sheet);
    return [];
  } catch (error) {
    if (!(error instanceof RosterError)) throw error;
    return error.problems;
  }
}

describe('who a row is: the mobile number or the office id, never the name alone', () => {
  const load = (lines: string[], options: ImportOptions = {}, header = HEADER) => importRoster(db, validateRoster(rows(lines, header)), { sourceFile: 'roster.csv', ...options });
  const refusal = async (lines: string[], header = HEADER) => {
    const error = await load(lines, {}, header).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RosterConfirmationError);
    return (error as RosterConfirmationError).lines.confirmations;
  };
  const person = (phone: string) => db.person.findUniqueOrThrow({ where: { phoneKey: phone }, include: { roles: true, bindings: true, community: { include: { street: true } } } });
  const bind = async (phone: string, ...accounts: string[]) => {
    const { id } = await person(phone);
    for (const account of accounts) await db.binding.create({ data: { personId: id, platform: 'sandbox', platformUserId: account } });
  };
  const roles = async (phone: string) => (await person(phone)).roles.map((r) => r.role).sort();
  const changes = () => db.rosterChange.findMany({ where: { field: { not: 'person' } }, orderBy: { id: 'asc' }, select: { personId: true, subject: true, field: true, from: true, to: true, sourceFile: true, rowNumber: true, confirmed: true } });

  it('a resident row named like the secretary makes a second person and leaves the secretary alone', async () => {
    await load(['王芳,书记,幸福社区,幸福街道,13800000001,,']);
    await bind('13800000001', 'u-wang');
    const result = await load(['王芳,居民,幸福社区,幸福街道,13900000009,,']);
    expect(result).toMatchObject({ created: 1, updated: 0, unchanged: 0, confirmations: 0 });
    expect(await roles('13800000001')).toEqual(['secretary']);
    expect((await person('13800000001')).bindings.map((b) => b.platformUserId)).toEqual(['u-wang']);
    expect(await roles('13900000009')).toEqual(['resident']);
    expect(await changes()).toEqual([]);
    // The other way round: a 书记 row named like a bound resident is someone else, not the resident promoted.
    await load(['李梅,居民,幸福社区,幸福街道,13700000003,,']);
    await bind('13700000003', 'u-li');
    expect(await load(['李梅,书记,幸福社区,幸福街道,13800000003,,'])).toMatchObject({ created: 1, confirmations: 0 });
    expect(await roles('13700000003')).toEqual(['resident']);
    // Without a number the row could be either: it stops, and says why.
    await expect(load(['王芳,居民,幸福社区,幸福街道,,,'])).rejects.toThrow(
      '第 2 行：幸福社区已有王芳（幸福社区，手机 13800000001）、王芳（幸福社区，手机 13900000009），这一行没有手机或编号，无法确定是不是同一个人；请填写手机或编号',
    );
  });

  it('a 居民 row with a staff member\'s number stops with the row and what it would do; --yes applies it and logs it', async () => {
    await load(['王芳,书记,幸福社区,幸福街道,13800000001,,', '张伟,社工,幸福社区,幸福街道,13800000002,,第一网格']);
    await bind('13800000002', 'u-zhang-wechat', 'u-zhang-lark');
    const demoted = ['王芳,书记,幸福社区,幸福街道,13800000001,,', '张伟,居民,幸福社区,幸福街道,13800000002,,第一网格'];
    expect(await refusal(demoted)).toEqual(['第 3 行：张伟（幸福社区，手机 13800000002）的角色将从「社工」改为「居民」；张伟已绑定 2 个账号，这些账号将不能再使用工作人员的指令']);
    expect(await roles('13800000002')).toEqual(['staff']);

    const result = await load(demoted, { confirmed: true, sourceFile: '居民名单.csv' });
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 1, confirmations: 1 });
    expect(await roles('13800000002')).toEqual(['resident']);
    const zhang = await person('13800000002');
    expect(await changes()).toEqual([{ personId: zhang.id, subject: '张伟（幸福社区）', field: 'roles', from: '社工', to: '居民', sourceFile: '居民名单.csv', rowNumber: 3, confirmed: true }]);

    // And back: a resident made staff stops too.
    expect(await refusal(['张伟,社工,幸福社区,幸福街道,13800000002,,第一网格'])).toEqual([
      '第 2 行：张伟（幸福社区，手机 13800000002）的角色将从「居民」改为「社工」；张伟已绑定 2 个账号，这些账号将能使用工作人员的指令',
    ]);
  });

  it('without numbers, a 书记 row named like a resident stops as a change of roles; with one it is someone else', async () => {
    await load(['李梅,居民,幸福社区,幸福街道,,,']);
    const { id } = await db.person.findFirstOrThrow();
    await db.binding.create({ data: { personId: id, platform: 'sandbox', platformUserId: 'u-li' } });
    expect(await refusal(['李梅,书记,幸福社区,幸福街道,,,'])).toEqual(['第 2 行：李梅（幸福社区）的角色将从「居民」改为「书记」；李梅已绑定 1 个账号，这些账号将能使用工作人员的指令']);
    expect((await db.personRole.findMany({ where: { personId: id } })).map((r) => r.role)).toEqual(['resident']);
    // With a number the row is a new 书记: the resident, known by name only, is not taken for her.
    expect(await load(['李梅,书记,幸福社区,幸福街道,13800000003,,'])).toMatchObject({ created: 1, updated: 0, confirmations: 0 });
    expect((await db.personRole.findMany({ where: { personId: id } })).map((r) => r.role)).toEqual(['resident']);
    expect((await db.binding.findFirstOrThrow({ where: { platformUserId: 'u-li' } })).personId).toBe(id);
  });

  it('a change of roles within the office goes through, logged but not asked', async () => {
    await load(['张伟,社工,幸福社区,幸福街道,13800000002,,']);
    expect(await load(['张伟,社工、考勤员,幸福社区,幸福街道,13800000002,,第二网格'])).toMatchObject({ updated: 1, confirmations: 0 });
    expect(await changes()).toEqual([expect.objectContaining({ field: 'roles', from: '社工', to: '社工、考勤员', confirmed: false })]);
  });

  it('a row that moves a community to another street stops; --yes moves it and logs it', async () => {
    await load(['王芳,书记,幸福社区,幸福街道,13800000001,,', '张伟,社工,幸福社区,幸福街道,13800000002,,']);
    const moved = ['王芳,书记,幸福社区,幸福街道,13800000001,,', '张伟,社工,幸福社区,和平街道,13800000002,,'];
    expect(problemsOf(rows(moved))).toEqual(['第 3 行：第 2 行写幸福社区属于幸福街道，这一行却写和平街道']);
    expect(await refusal(['张伟,社工,幸福社区,和平街道,13800000002,,'])).toEqual(['第 2 行：幸福社区将从幸福街道划到和平街道（社区现有 2 人）']);
    expect((await db.community.findUniqueOrThrow({ where: { name: '幸福社区' }, include: { street: true } })).street?.name).toBe('幸福街道');
    await load(['张伟,社工,幸福社区,和平街道,13800000002,,'], { confirmed: true });
    expect((await db.community.findUniqueOrThrow({ where: { name: '幸福社区' }, include: { street: true } })).street?.name).toBe('和平街道');
    expect(await changes()).toContainEqual({ personId: null, subject: '幸福社区', field: 'street', from: '幸福街道', to: '和平街道', sourceFile: 'roster.csv', rowNumber: 2, confirmed: true });
  });

  it('a row that moves a person to another community stops', async () => {
    await load(['张伟,社工,幸福社区,幸福街道,13800000002,,']);
    expect(await refusal(['张伟,社工,和平社区,幸福街道,13800000002,,'])).toEqual(['第 2 行：张伟（幸福社区，手机 13800000002）将从幸福社区调到和平社区']);
    expect((await person('13800000002')).community?.name).toBe('幸福社区');
  });

  it('two 张伟 with different numbers in one community stay two people, each with their own accounts', async () => {
    const sheet = ['张伟,社工,幸福社区,幸福街道,13800000002,,', '张伟,居民,幸福社区,幸福街道,13900000002,,'];
    expect(await load(sheet)).toMatchObject({ created: 2 });
    await bind('13800000002', 'u-zhang-staff');
    await bind('13900000002', 'u-zhang-resident');
    expect(await load([...sheet].reverse())).toMatchObject({ created: 0, updated: 0, unchanged: 2, confirmations: 0 });
    expect((await person('13800000002')).bindings.map((b) => b.platformUserId)).toEqual(['u-zhang-staff']);
    expect(await roles('13800000002')).toEqual(['staff']);
    expect((await person('13900000002')).bindings.map((b) => b.platformUserId)).toEqual(['u-zhang-resident']);
    expect(await roles('13900000002')).toEqual(['resident']);
    expect(await db.person.count()).toBe(2);
  });

  it('the same number twice in a sheet stops with both rows, however it is written', () => {
    const sheet = rows(['王芳,书记,幸福社区,幸福街道,+86 138-0000-0001,,', '张伟,社工,幸福社区,幸福街道,13800000002,,', '刘洋,社工,幸福社区,幸福街道,１３８００００００01,,']);
    expect(problemsOf(sheet)).toEqual(['第 4 行：手机 １３８００００００01 与第 2 行相同；一个手机号只能登记给一个人'.replace('１３８００００００01', '13800000001')]);
    const ids = rows(['王芳,书记,幸福社区,幸福街道,,,,007', '张伟,社工,幸福社区,幸福街道,,,,007'], `${HEADER},工号`);
    expect(problemsOf(ids)).toEqual(['第 3 行：工号 007 与第 2 行相同；一个编号只能登记给一个人']);
  });

  it('re-importing the same sheet changes nothing', async () => {
    const sheet = ['王芳,书记,幸福社区,幸福街道,13800000001,1975-03-02,', '赵敏,社区建设科,,幸福街道,13800000006,,', '钱大爷,居民,幸福社区,幸福街道,,,'];
    await load(sheet);
    const before = await db.person.findMany({ orderBy: { id: 'asc' }, include: { roles: true } });
    const logged = await db.rosterChange.count();
    expect(await load(sheet)).toMatchObject({ created: 0, updated: 0, unchanged: 3, confirmations: 0, lines: { added: [], changed: [], confirmations: [] } });
    expect(await db.person.findMany({ orderBy: { id: 'asc' }, include: { roles: true } })).toEqual(before);
    expect(await db.rosterChange.count()).toBe(logged);
  });

  it('a dry run says what would change and writes nothing', async () => {
    await load(['张伟,社工,幸福社区,幸福街道,13800000002,,']);
    const before = await db.person.findMany({ include: { roles: true } });
    const logged = await db.rosterChange.count();
    const result = await load(['张伟,居民,幸福社区,幸福街道,13800000002,,第一网格', '刘洋,社工,幸福社区,幸福街道,13800000004,,'], { dryRun: true });
    expect(result).toMatchObject({ created: 1, updated: 1, confirmations: 1 });
    expect(result.lines).toEqual({
      added: ['第 3 行：新增 刘洋（幸福社区，社工，手机 13800000004）'],
      changed: ['第 2 行：更新 张伟（幸福社区，手机 13800000002）：角色 社工 → 居民；网格 （空） → 第一网格'],
      confirmations: ['第 2 行：张伟（幸福社区，手机 13800000002）的角色将从「社工」改为「居民」'],
    });
    expect(await db.person.findMany({ include: { roles: true } })).toEqual(before);
    expect(await db.rosterChange.count()).toBe(logged);
  });

  it('an id the office keeps decides: a new number is an update, a number held by another person stops', async () => {
    const header = `${HEADER},工号`;
    await load(['王芳,书记,幸福社区,幸福街道,13800000001,,,A01', '张伟,社工,幸福社区,幸福街道,13800000002,,,A02'], {}, header);
    // The number fixed: harmless.
    expect(await load(['张伟,社工,幸福社区,幸福街道,13900000002,,,A02'], {}, header)).toMatchObject({ updated: 1, confirmations: 0 });
    expect((await person('13900000002')).officeId).toBe('id:A02');
    // 王芳's number on 张伟's row: that would make one person of two.
    const merge = ['张伟,社工,幸福社区,幸福街道,13800000001,,,A02'];
    expect(await refusal(merge, header)).toEqual([
      '第 2 行：手机 13800000001 已登记在王芳（幸福社区，手机 13800000001）名下，这一行（工号 A02）却是张伟（幸福社区，手机 13900000002），会把两个人混为一人：确认后这个手机号改记给张伟，王芳的手机号清空',
    ]);
    await load(merge, { confirmed: true }, header);
    const wang = await db.person.findUniqueOrThrow({ where: { officeId: 'id:A01' } });
    expect(wang.phone).toBeNull();
    expect((await person('13800000001')).officeId).toBe('id:A02');
    expect(await changes()).toEqual([
      expect.objectContaining({ subject: '张伟（幸福社区）', field: 'phone', from: '13800000002', to: '13900000002', confirmed: false }),
      expect.objectContaining({ personId: wang.id, subject: '王芳（幸福社区）', field: 'phone', from: '13800000001', to: null, confirmed: true }),
      expect.objectContaining({ subject: '张伟（幸福社区）', field: 'phone', from: '13900000002', to: '13800000001', confirmed: true }),
    ]);
  });

  it('two people with ids who swap numbers swap them, unasked', async () => {
    const header = `${HEADER},工号`;
    await load(['王芳,书记,幸福社区,幸福街道,13800000001,,,A01', '张伟,社工,幸福社区,幸福街道,13800000002,,,A02'], {}, header);
    expect(await load(['王芳,书记,幸福社区,幸福街道,13800000002,,,A01', '张伟,社工,幸福社区,幸福街道,13800000001,,,A02'], {}, header)).toMatchObject({ updated: 2, confirmations: 0 });
    expect((await person('13800000002')).officeId).toBe('id:A01');
    expect((await person('13800000001')).officeId).toBe('id:A02');
  });

  it('a number that is one person\'s on a row named like another stops', async () => {
    await load(['张伟,社工,幸福社区,幸福街道,,,', '李四,社工,幸福社区,幸福街道,13800000004,,']);
    expect(await refusal(['张伟,社工,幸福社区,幸福街道,13800000004,,'])).toEqual([
      '第 2 行：这一行的手机或编号属于李四（幸福社区，手机 13800000004），姓名和社区却对应另一位没有手机或编号的张伟（幸福社区），会把两个人混为一人：确认后按手机或编号更新前者，后者不变',
    ]);
  });

  it('a new number without an id column stops: the same person renumbered only when the office says so', async () => {
    await load(['张伟,社工,幸福社区,幸福街道,13800000002,,']);
    await bind('13800000002', 'u-zhang');
    expect(await refusal(['张伟,社工,幸福社区,幸福街道,13900000002,,'])).toEqual([
      '第 2 行：这一行的手机或编号对不上任何人，表中其他行也没有张伟（幸福社区，手机 13800000002）：确认后视为同一人换了号码，已绑定的 1 个账号仍归张伟。若是另一位同名的人，请把原来那位也写进表里，或加工号等编号列',
    ]);
    await load(['张伟,社工,幸福社区,幸福街道,13900000002,,'], { confirmed: true });
    expect((await person('13900000002')).bindings.map((b) => b.platformUserId)).toEqual(['u-zhang']);
    expect(await db.person.count()).toBe(1);
  });

  it('someone imported without a number gets theirs on the next import, and keeps their accounts', async () => {
    await load(['钱大爷,居民,幸福社区,幸福街道,,,']);
    const { id } = await db.person.findFirstOrThrow();
    await db.binding.create({ data: { personId: id, platform: 'sandbox', platformUserId: 'u-qian' } });
    expect(await load(['钱大爷,居民,幸福社区,幸福街道,13700000007,,'])).toMatchObject({ created: 0, updated: 1, confirmations: 0 });
    expect((await person('13700000007')).id).toBe(id);
    expect(await changes()).toEqual([expect.objectContaining({ personId: id, field: 'phone', from: null, to: '13700000007', confirmed: false })]);
  });

  it('keeps an id card number only as a hash', async () => {
    const header = `${HEADER},身份证号`;
    const result = await load(['王芳,书记,幸福社区,幸福街道,,,,11010519750302002x'], {}, header);
    expect(result.lines.added).toEqual(['第 2 行：新增 王芳（幸福社区，书记，身份证尾号 002X）']);
    const wang = await db.person.findFirstOrThrow();
    expect(wang.officeId).toMatch(/^idcard:[0-9a-f]{64}$/);
    expect(JSON.stringify(await db.rosterChange.findMany())).not.toContain('110105');
    expect(await load(['王芳,书记,幸福社区,幸福街道,13800000001,,,110105 19750302 002X'], {}, header)).toMatchObject({ created: 0, updated: 1, confirmations: 0 });
    expect(problemsOf(rows(['王芳,书记,幸福社区,幸福街道,,,,1101', '张伟,社工,幸福社区,幸福街道,,,,,1'], `${HEADER},身份证号,工号`))).toEqual(['表头里有 2 个编号列（工号、身份证号），请只保留一列']);
  });
});
