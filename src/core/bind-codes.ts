import crypto from 'node:crypto';
import type { Db } from '../db/client.ts';
import { isUniqueViolation } from '../db/client.ts';

export class BindCodeError extends Error {}

export interface IssuedCode {
  code: string;
  expiresAt: Date;
  person: { id: number; name: string; community: string | null };
}

/** Issues a one-time, expiring 8-digit code for the person of that name (in that community, with that mobile number). */
export async function issueBindCode(db: Db, name: string, community: string | undefined, now: Date, ttlHours: number, phoneKey?: string): Promise<IssuedCode> {
  const people = await db.person.findMany({
    where: { name, ...(community ? { community: { name: community } } : {}), ...(phoneKey ? { phoneKey } : {}) },
    include: { community: true, street: true },
  });
  if (people.length === 0) {
    throw new BindCodeError(community ? `${community}没有叫「${name}」的人。` : `花名册里没有叫「${name}」的人。请先导入花名册。`);
  }
  if (people.length > 1) {
    const places = people.map((p) => p.community?.name ?? p.street?.name ?? '?').join('、');
    throw new BindCodeError(`有 ${people.length} 个人叫「${name}」（${places}），请用 --community 指明社区。`);
  }
  const person = people[0]!;
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  for (;;) {
    const code = String(crypto.randomInt(0, 100_000_000)).padStart(8, '0');
    try {
      await db.$transaction((tx) => tx.bindCode.create({ data: { code, personId: person.id, expiresAt, createdAt: now } }));
      return { code, expiresAt, person: { id: person.id, name: person.name, community: person.community?.name ?? null } };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
}
