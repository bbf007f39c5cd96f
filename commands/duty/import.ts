import { DateTime } from 'luxon';
import type { Policy } from '../../src/config/policy.ts';
import type { Db, Tx } from '../../src/db/client.ts';
import type { SheetRow } from '../../src/roster/read-sheet.ts';
import { shiftSpan } from './rules/rotation.ts';
import { datesBetween } from '../../src/time/office-time.ts';
import { readDate, readWeekday } from '../../src/time/grammar.ts';

/**
 * The office's own 值班表 as a sheet: 日期 (or 星期 for a weekly pattern over --from..--to), 班次
 * (a shift of the policy by name or id, or a time range 08:00-17:30), 值班人员 (names, 、 between
 * seats), optional 带班领导 and 社区. Every row is checked first and every problem named by its row
 * number; then everything is written in one transaction, or nothing. A seat that already had
 * someone else is changed by an override of kind "import", so the ledger keeps who was planned.
 */

export class DutyImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`值班表有 ${problems.length} 处错误，未导入任何数据：\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

export interface DutyImportEntry {
  rowNumber: number;
  communityId: number;
  date: string;
  shift: { key: string; name: string; start: string; end: string } | null;
  personIds: number[];
  leaderId: number | null;
}

const column = (cells: Record<string, string>, ...names: string[]) => names.map((n) => cells[n]).find((v) => v !== undefined && v !== '') ?? '';

function readShift(policy: Policy, text: string): DutyImportEntry['shift'] | 'invalid' {
  const known = policy.duty.shifts.find((s) => s.name === text || s.id === text);
  if (known) return { key: known.id, name: known.name, start: known.start, end: known.end };
  const range = /^([01]?\d|2[0-3])[:：]([0-5]\d)\s*[-~至到]\s*(?:次日)?([01]?\d|2[0-3])[:：]([0-5]\d)$/.exec(text);
  if (!range) return 'invalid';
  const start = `${range[1]!.padStart(2, '0')}:${range[2]}`;
  const end = `${range[3]!.padStart(2, '0')}:${range[4]}`;
  // A time range is a shift of its own, named plainly: 值班 17:30-次日08:00.
  return { key: `${start.replace(':', '')}-${end.replace(':', '')}`, name: '值班', start, end };
}

export interface ImportScope {
  /** Weekday rows apply to these dates. */
  from: string;
  to: string;
  /** The community of rows without a 社区 cell, when there is only one. */
  defaultCommunity: string | null;
}

/** Checks every row against the policy and the roster of people; throws every problem at once. */
export async function validateDutySheet(db: Db | Tx, policy: Policy, rows: readonly SheetRow[], scope: ImportScope): Promise<DutyImportEntry[]> {
  const problems: string[] = [];
  if (rows.length === 0) throw new DutyImportError(['表格里没有数据行（第 1 行应为表头：日期或星期、班次、值班人员，可选 带班领导、社区）']);
  const header = Object.keys(rows[0]!.cells);
  if (!header.includes('日期') && !header.includes('星期')) problems.push('表头缺少「日期」或「星期」列');
  if (!['值班人员', '值班人', '人员'].some((h) => header.includes(h)) && !header.includes('带班领导')) problems.push('表头缺少「值班人员」列');
  if (problems.length > 0) throw new DutyImportError(problems);
  const communities = await db.community.findMany({ select: { id: true, name: true } });
  const people = await db.person.findMany({ where: { communityId: { not: null } }, select: { id: true, name: true, communityId: true } });
  const entries: DutyImportEntry[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const where = `第 ${row.rowNumber} 行`;
    const rowProblems: string[] = [];
    const communityName = column(row.cells, '社区') || scope.defaultCommunity || (communities.length === 1 ? communities[0]!.name : '');
    const community = communities.find((c) => c.name === communityName);
    if (!communityName) rowProblems.push('有多个社区，请填写「社区」');
    else if (!community) rowProblems.push(`找不到社区「${communityName}」`);
    const dateText = column(row.cells, '日期');
    const weekdayText = column(row.cells, '星期');
    let dates: string[] = [];
    if (dateText) {
      const date = readDate(dateText);
      if (!date) rowProblems.push(`日期「${dateText}」应写成 2026-12-05`);
      else dates = [date];
    } else if (weekdayText) {
      const weekday = readWeekday(weekdayText);
      if (!weekday) rowProblems.push(`星期「${weekdayText}」应写成 周一 … 周日`);
      else dates = datesBetween(scope.from, scope.to).filter((d) => DateTime.fromISO(d, { zone: 'UTC' }).weekday === weekday);
    } else {
      rowProblems.push('日期和星期都是空的');
    }
    const shiftText = column(row.cells, '班次');
    const shift = shiftText ? readShift(policy, shiftText) : null;
    if (shift === 'invalid') rowProblems.push(`班次「${shiftText}」不认识（可用：${policy.duty.shifts.map((s) => s.name).join('、')}，或写时间 08:00-17:30）`);
    const inCommunity = (name: string) => people.find((p) => p.name === name && p.communityId === community?.id);
    const names = column(row.cells, '值班人员', '值班人', '人员').split(/[、,，/;；\s]+/).filter(Boolean);
    const personIds: number[] = [];
    for (const name of names) {
      const person = inCommunity(name);
      if (community && !person) rowProblems.push(`「${name}」不在${community.name}的花名册里`);
      else if (person && personIds.includes(person.id)) rowProblems.push(`「${name}」写了两次`);
      else if (person) personIds.push(person.id);
    }
    if (names.length > 0 && !shift) rowProblems.push('有值班人员就要写「班次」');
    const leaderName = column(row.cells, '带班领导');
    const leader = leaderName ? inCommunity(leaderName) : null;
    if (leaderName && community && !leader) rowProblems.push(`带班领导「${leaderName}」不在${community.name}的花名册里`);
    if (names.length === 0 && !leaderName) rowProblems.push('「值班人员」是空的');
    if (rowProblems.length > 0) {
      problems.push(`${where}：${rowProblems.join('；')}`);
      continue;
    }
    for (const date of dates) {
      const key = `${community!.id}|${date}|${shift && shift !== 'invalid' ? shift.key : '-'}`;
      const earlier = seen.get(key);
      if (earlier !== undefined && names.length > 0) {
        problems.push(`${where}：${date} ${shiftText} 与第 ${earlier} 行重复`);
        break;
      }
      seen.set(key, row.rowNumber);
      entries.push({ rowNumber: row.rowNumber, communityId: community!.id, date, shift: shift === 'invalid' ? null : shift, personIds, leaderId: leader?.id ?? null });
    }
  }
  if (problems.length > 0) throw new DutyImportError(problems);
  return entries;
}

export interface DutyImportResult {
  created: number;
  changed: number;
}

async function setSeats(tx: Tx, entry: { communityId: number; date: string }, shift: { key: string; name: string; start: string; end: string }, role: 'duty' | 'leader', personIds: readonly (number | null)[], policy: Policy, now: Date, result: DutyImportResult) {
  const span = shiftSpan(entry.date, shift, policy.timezone);
  const existing = await tx.dutySeat.findMany({ where: { communityId: entry.communityId, date: entry.date, shiftKey: shift.key } });
  const count = Math.max(personIds.length, existing.length);
  for (let seat = 0; seat < count; seat++) {
    const personId = personIds[seat] ?? null;
    const current = existing.find((s) => s.seat === seat);
    if (!current) {
      await tx.dutySeat.create({
        data: { communityId: entry.communityId, date: entry.date, shiftKey: shift.key, shiftName: shift.name, seat, role, startAt: span.start, endAt: span.end, source: 'import', plannedPersonId: personId, personId, createdAt: now },
      });
      result.created++;
    } else if (current.personId !== personId) {
      await tx.dutySeat.update({ where: { id: current.id }, data: { personId, overridden: true } });
      await tx.dutyOverride.create({ data: { seatId: current.id, kind: 'import', fromPersonId: current.personId, toPersonId: personId, at: now } });
      result.changed++;
    }
  }
}

/** Writes the checked entries in one transaction: all rows or none. */
export async function importDutySheet(db: Db, policy: Policy, entries: readonly DutyImportEntry[], now: Date): Promise<DutyImportResult> {
  return db.$transaction(
    async (tx) => {
      const result: DutyImportResult = { created: 0, changed: 0 };
      for (const entry of entries) {
        if (entry.shift && entry.personIds.length > 0) await setSeats(tx, entry, entry.shift, 'duty', entry.personIds, policy, now, result);
        if (entry.leaderId !== null) await setSeats(tx, entry, { key: 'leader', name: '带班领导', start: '00:00', end: '00:00' }, 'leader', [entry.leaderId], policy, now, result);
      }
      return result;
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}
