import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { sql } from '../db/sql.ts';
import { isStreetRole, parseRole, type Role } from '../core/roles.ts';
import { applyRosterPlan } from './apply-roster.ts';
import { describePlan, type PlanLines } from './describe-roster.ts';
import { foldPhone, ID_COLUMNS, officeId, phoneKey, rosterKey } from './identity.ts';
import { planRoster } from './plan-roster.ts';
import type { RosterEntry } from './entry.ts';
import type { SheetRow } from './read-sheet.ts';


export class RosterError extends Error {
  constructor(readonly problems: string[]) {
    super(`花名册有 ${problems.length} 处错误，未导入任何数据：\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Changes that stop the import until the office confirms them (--yes); nothing was written. */
export class RosterConfirmationError extends Error {
  constructor(readonly lines: PlanLines) {
    super(
      `以下 ${lines.confirmations.length} 项变更需要确认，未导入任何数据 (these changes need confirming; nothing was imported)：\n` +
        `${lines.confirmations.map((line) => `  ${line}`).join('\n')}\n` +
        '核对无误后，加 --yes 再导入一次 (check them, then import again with --yes)。',
    );
  }
}

// An optional column may be missing from the sheet or blank in a row.
const optional = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : null));
const rowSchema = z.object({
  姓名: z.string().trim().min(1, '姓名不能为空'),
  角色: z.string().trim().min(1, '角色不能为空'),
  社区: optional,
  街道: optional,
  手机: optional.transform((v) => (v === null ? null : foldPhone(v))).refine((v) => v === null || /^[\d\s+()-]{5,20}$/.test(v), '手机号格式不对'),
  生日: optional.refine((v) => v === null || /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(v), '生日应写成 1980-05-01'),
  网格: optional,
});

function normalizeDate(value: string | null): string | null {
  if (!value) return null;
  const [y, m, d] = value.split(/[-/.]/).map(Number);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Validates every row first; returns the entries or throws with every problem by row number. */
export function validateRoster(rows: readonly SheetRow[]): RosterEntry[] {
  const problems: string[] = [];
  const entries: RosterEntry[] = [];
  if (rows.length === 0) throw new RosterError(['表格里没有数据行（第 1 行应为表头：姓名、角色、社区、街道、手机、生日、网格，可加工号或身份证号）']);
  const header = Object.keys(rows[0]!.cells);
  for (const required of ['姓名', '角色']) {
    if (!header.includes(required)) problems.push(`表头缺少「${required}」列`);
  }
  const idColumns = ID_COLUMNS.filter((column) => header.includes(column));
  if (idColumns.length > 1) problems.push(`表头里有 ${idColumns.length} 个编号列（${idColumns.join('、')}），请只保留一列`);
  if (problems.length > 0) throw new RosterError(problems);
  const idColumn = idColumns[0];

  // Who came before in the sheet, to stop one person written twice or one number given to two.
  const byPhone = new Map<string, number>();
  const byId = new Map<string, number>();
  const keyless = new Map<string, number>();
  const keyed = new Map<string, number>();
  const streetOf = new Map<string, { street: string; rowNumber: number }>();
  for (const row of rows) {
    const parsed = rowSchema.safeParse(row.cells);
    if (!parsed.success) {
      problems.push(`第 ${row.rowNumber} 行：${parsed.error.issues.map((i) => i.message).join('；')}`);
      continue;
    }
    const cells = parsed.data;
    const where = `第 ${row.rowNumber} 行`;
    const roleWords = cells.角色.split(/[、,，/;；\s]+/).filter(Boolean);
    const roles: Role[] = [];
    for (const word of roleWords) {
      const role = parseRole(word);
      if (!role) problems.push(`${where}：角色「${word}」无法识别（可用：书记、副书记、主任、社工、考勤员、社区建设科、街道分管领导、街道主要领导、居民）`);
      else if (!roles.includes(role)) roles.push(role);
    }
    if (roles.length !== roleWords.length) continue;
    const communityRoles = roles.filter((r) => !isStreetRole(r));
    if (communityRoles.length > 0 && !cells.社区) {
      problems.push(`${where}：${cells.姓名}是社区角色，「社区」不能为空`);
      continue;
    }
    if (communityRoles.length < roles.length && !cells.街道) {
      problems.push(`${where}：${cells.姓名}是街道角色，「街道」不能为空`);
      continue;
    }
    const idCell = idColumn ? row.cells[idColumn]?.trim() : '';
    const id = idColumn && idCell ? officeId(idColumn, idCell) : null;
    if (id && 'problem' in id) {
      problems.push(`${where}：${id.problem}`);
      continue;
    }
    const entry: RosterEntry = {
      rowNumber: row.rowNumber,
      name: cells.姓名,
      roles,
      community: cells.社区,
      street: cells.街道,
      phone: cells.手机,
      phoneKey: cells.手机 === null ? null : phoneKey(cells.手机),
      officeId: id,
      birthday: normalizeDate(cells.生日),
      grid: cells.网格,
    };
    const clash = sameAsEarlier(entry, { byPhone, byId, keyless, keyed, streetOf });
    if (clash) {
      problems.push(`${where}：${clash}`);
      continue;
    }
    entries.push(entry);
  }
  if (problems.length > 0) throw new RosterError(problems);
  return entries;
}

interface Earlier {
  byPhone: Map<string, number>;
  byId: Map<string, number>;
  keyless: Map<string, number>;
  keyed: Map<string, number>;
  streetOf: Map<string, { street: string; rowNumber: number }>;
}

/** What clashes with an earlier row of the sheet, remembering this one; null when nothing does. */
function sameAsEarlier(entry: RosterEntry, earlier: Earlier): string | null {
  const { rowNumber, name } = entry;
  if (entry.phoneKey && earlier.byPhone.has(entry.phoneKey)) {
    return `手机 ${entry.phone} 与第 ${earlier.byPhone.get(entry.phoneKey)} 行相同；一个手机号只能登记给一个人`;
  }
  if (entry.officeId && earlier.byId.has(entry.officeId.key)) {
    return `${entry.officeId.label} 与第 ${earlier.byId.get(entry.officeId.key)} 行相同；一个编号只能登记给一个人`;
  }
  const key = rosterKey(name, entry.community, entry.street);
  const hasKey = entry.phoneKey !== null || entry.officeId !== null;
  if (!hasKey && earlier.keyless.has(key)) return `与第 ${earlier.keyless.get(key)} 行是同一个人（${name}），请合并为一行`;
  if (!hasKey && earlier.keyed.has(key)) return `与第 ${earlier.keyed.get(key)} 行同名（${name}），这一行没有手机或编号，无法区分是不是同一个人；请填写手机或编号`;
  if (hasKey && earlier.keyless.has(key)) {
    const other = earlier.keyless.get(key)!;
    return `与第 ${other} 行同名（${name}），第 ${other} 行没有手机或编号，无法区分是不是同一个人；请为第 ${other} 行填写手机或编号`;
  }
  if (entry.community && entry.street) {
    const first = earlier.streetOf.get(entry.community);
    if (first && first.street !== entry.street) return `第 ${first.rowNumber} 行写${entry.community}属于${first.street}，这一行却写${entry.street}`;
    if (!first) earlier.streetOf.set(entry.community, { street: entry.street, rowNumber });
  }
  if (entry.phoneKey) earlier.byPhone.set(entry.phoneKey, rowNumber);
  if (entry.officeId) earlier.byId.set(entry.officeId.key, rowNumber);
  (hasKey ? earlier.keyed : earlier.keyless).set(key, rowNumber);
  return null;
}

export interface ImportOptions {
  /** The sheet's file name, for the change log. */
  sourceFile?: string;
  /** The office confirmed the changes that need it (--yes). */
  confirmed?: boolean;
  /** Plan only: nothing is written. */
  dryRun?: boolean;
  now?: Date;
  onProgress?: (done: number) => void;
}

export interface ImportResult {
  created: number;
  /** People of whom anything changed. */
  updated: number;
  unchanged: number;
  /** Changes that needed --yes (applied only with it). */
  confirmations: number;
  lines: PlanLines;
}

/** Any fixed number: the lock roster imports on PostgreSQL take turns under. */
const ROSTER_LOCK = 5_262_118;

/**
 * Imports take turns, and on SQLite hold the write lock from their first statement: a transaction
 * that reads first fails at its first write ("database is locked", no busy wait) when the running
 * bot wrote in between.
 */
async function takeWriteTurn(tx: Tx): Promise<void> {
  const channel = sql(tx);
  if (channel.provider === 'postgres') await channel.execute`SELECT pg_advisory_xact_lock(${ROSTER_LOCK})`;
  else await channel.execute`UPDATE "Person" SET "id" = "id" WHERE 0 = 1`;
}

/**
 * Matches the rows to the people on file, then writes them in one transaction: all rows or none.
 * Rows the import cannot place stop it (RosterError); changes that need the office's word stop it
 * unless confirmed (RosterConfirmationError). A dry run writes nothing.
 */
export async function importRoster(db: Db, entries: readonly RosterEntry[], options: ImportOptions = {}): Promise<ImportResult> {
  return db.$transaction(
    async (tx) => {
      if (!options.dryRun) await takeWriteTurn(tx);
      const plan = await planRoster(tx, entries);
      if (plan.problems.length > 0) throw new RosterError(plan.problems);
      const lines = describePlan(plan);
      if (lines.confirmations.length > 0 && !options.confirmed && !options.dryRun) throw new RosterConfirmationError(lines);
      if (!options.dryRun) {
        await applyRosterPlan(tx, plan, { at: options.now ?? new Date(), sourceFile: options.sourceFile ?? '', onProgress: options.onProgress ?? (() => {}) });
      }
      const created = plan.rows.filter((row) => row.person === null).length;
      const updated = plan.rows.filter((row) => row.person !== null && row.changes.length > 0).length;
      return { created, updated, unchanged: plan.rows.length - created - updated, confirmations: lines.confirmations.length, lines };
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}
