import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { isStreetRole, parseRole, type Role } from '../core/roles.ts';
import type { SheetRow } from './read-sheet.ts';

/** A roster row as the database wants it. */
export interface RosterEntry {
  rowNumber: number;
  name: string;
  roles: Role[];
  community: string | null;
  street: string | null;
  phone: string | null;
  birthday: string | null;
  grid: string | null;
}

export class RosterError extends Error {
  constructor(readonly problems: string[]) {
    super(`花名册有 ${problems.length} 处错误，未导入任何数据：\n${problems.map((p) => `  ${p}`).join('\n')}`);
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
  手机: optional.refine((v) => v === null || /^[\d\s+-]{5,20}$/.test(v), '手机号格式不对'),
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
  const seen = new Map<string, number>();
  if (rows.length === 0) throw new RosterError(['表格里没有数据行（第 1 行应为表头：姓名、角色、社区、街道、手机、生日、网格）']);
  const header = Object.keys(rows[0]!.cells);
  for (const required of ['姓名', '角色']) {
    if (!header.includes(required)) problems.push(`表头缺少「${required}」列`);
  }
  if (problems.length > 0) throw new RosterError(problems);

  for (const row of rows) {
    const parsed = rowSchema.safeParse(row.cells);
    if (!parsed.success) {
      problems.push(`第 ${row.rowNumber} 行：${parsed.error.issues.map((i) => i.message).join('；')}`);
      continue;
    }
    const cells = parsed.data;
    const roleWords = cells.角色.split(/[、,，/;；\s]+/).filter(Boolean);
    const roles: Role[] = [];
    for (const word of roleWords) {
      const role = parseRole(word);
      if (!role) problems.push(`第 ${row.rowNumber} 行：角色「${word}」无法识别（可用：书记、副书记、主任、社工、考勤员、社区建设科、街道分管领导、街道主要领导、居民）`);
      else if (!roles.includes(role)) roles.push(role);
    }
    if (roles.length !== roleWords.length) continue;
    const communityRoles = roles.filter((r) => !isStreetRole(r));
    if (communityRoles.length > 0 && !cells.社区) {
      problems.push(`第 ${row.rowNumber} 行：${cells.姓名}是社区角色，「社区」不能为空`);
      continue;
    }
    if (communityRoles.length < roles.length && !cells.街道) {
      problems.push(`第 ${row.rowNumber} 行：${cells.姓名}是街道角色，「街道」不能为空`);
      continue;
    }
    const key = rosterKey(cells.姓名, cells.社区, cells.街道);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(`第 ${row.rowNumber} 行：与第 ${earlier} 行是同一个人（${cells.姓名}），请合并为一行`);
      continue;
    }
    seen.set(key, row.rowNumber);
    entries.push({
      rowNumber: row.rowNumber,
      name: cells.姓名,
      roles,
      community: cells.社区,
      street: cells.街道,
      phone: cells.手机,
      birthday: normalizeDate(cells.生日),
      grid: cells.网格,
    });
  }
  if (problems.length > 0) throw new RosterError(problems);
  return entries;
}

/** A person is the same person on re-import when name and community (or street) match. */
export function rosterKey(name: string, community: string | null, street: string | null): string {
  return community ? `community:${community}:${name}` : `street:${street ?? ''}:${name}`;
}

export interface ImportResult {
  created: number;
  updated: number;
}

/** Writes the roster in one transaction: all rows or none. */
export async function importRoster(db: Db, entries: readonly RosterEntry[], onProgress: (done: number) => void = () => {}): Promise<ImportResult> {
  return db.$transaction(
    async (tx) => {
      const streets = new Map<string, number>();
      const communities = new Map<string, number>();
      const streetId = async (name: string) => {
        if (!streets.has(name)) streets.set(name, (await tx.street.upsert({ where: { name }, create: { name }, update: {} })).id);
        return streets.get(name)!;
      };
      let created = 0;
      let updated = 0;
      for (const [index, entry] of entries.entries()) {
        const sid = entry.street ? await streetId(entry.street) : null;
        let cid: number | null = null;
        if (entry.community) {
          if (!communities.has(entry.community)) {
            const community = await tx.community.upsert({
              where: { name: entry.community },
              create: { name: entry.community, streetId: sid },
              update: sid ? { streetId: sid } : {},
            });
            communities.set(entry.community, community.id);
          }
          cid = communities.get(entry.community)!;
        }
        const key = rosterKey(entry.name, entry.community, entry.street);
        const data = { name: entry.name, phone: entry.phone, birthday: entry.birthday, grid: entry.grid, communityId: cid, streetId: sid };
        const existing = await tx.person.findUnique({ where: { rosterKey: key } });
        const person = existing
          ? await tx.person.update({ where: { id: existing.id }, data })
          : await tx.person.create({ data: { ...data, rosterKey: key } });
        if (existing) updated++;
        else created++;
        await tx.personRole.deleteMany({ where: { personId: person.id } });
        for (const role of entry.roles) await tx.personRole.create({ data: { personId: person.id, role } });
        onProgress(index + 1);
      }
      return { created, updated };
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}
