import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { insertCheckIn } from '../../commands/attendance/checkin-row.ts';
import { createDb, type Db } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { Outbox } from '../../src/messaging/outbox.ts';
import { freshPostgresUrl } from '../helpers/database.ts';

const databases = {
  sqlite: async () => `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-raw-')), 'bot.db')}`,
  postgres: freshPostgresUrl,
};

let db: Db | null = null;
const zone = process.env.TZ;
afterEach(async () => {
  process.env.TZ = zone;
  await db?.$disconnect();
  db = null;
});

/**
 * The message path writes its hottest rows with raw SQL. They must read back through Prisma exactly
 * as its own writes do (instants, booleans, nulls), whatever the server process's time zone (an
 * office's server may well run on Asia/Shanghai), and a duplicate must still read as one.
 */
describe.each(Object.entries(databases))('raw writes on the message path, on %s', (_, url) => {
  it('read back as Prisma writes them, on a process in Asia/Shanghai', async () => {
    const databaseUrl = await url();
    await migrateDatabase(databaseUrl);
    process.env.TZ = 'Asia/Shanghai';
    db = createDb(databaseUrl);
    const community = await db.community.create({ data: { name: '幸福社区' } });
    const person = await db.person.create({ data: { name: '张伟', rosterKey: 'k', communityId: community.id } });
    const at = new Date('2026-11-23T23:59:59.123Z');
    const row = { personId: person.id, communityId: community.id, officeDate: '2026-11-24', session: 'am', kind: 'in' as const, at, status: 'on_time', platform: 'sandbox' };

    await db.$transaction((tx) => insertCheckIn(tx, { ...row, latitude: 22.54, longitude: 114.05, distanceMeters: 812, outsideGeofence: true }));
    await db.$transaction((tx) => insertCheckIn(tx, { ...row, session: 'pm' }));
    const compiled = await db.checkIn.create({ data: { ...row, session: 'night' } });
    const rows = await db.checkIn.findMany({ where: { at }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.session, r.at.toISOString(), r.latitude, r.distanceMeters, r.outsideGeofence])).toEqual([
      ['am', at.toISOString(), 22.54, 812, true],
      ['pm', at.toISOString(), null, null, false],
      ['night', at.toISOString(), null, null, false],
    ]);
    expect(Math.abs(rows[0]!.createdAt.getTime() - compiled.createdAt.getTime())).toBeLessThan(60_000);

    // A duplicate is no error: the transaction goes on (PostgreSQL would abort it at an error) and commits its other writes.
    const afterDuplicate = await db.$transaction(async (tx) => {
      const inserted = await insertCheckIn(tx, row);
      await tx.community.update({ where: { id: community.id }, data: { name: '幸福社区（一）' } });
      return inserted;
    });
    expect(afterDuplicate).toBe(false);
    expect((await db.community.findUniqueOrThrow({ where: { id: community.id } })).name).toBe('幸福社区（一）');
    expect(await db.checkIn.count()).toBe(3);

    const id = await db.$transaction(async (tx) => {
      const out = new Outbox();
      let rowId = 0;
      out.addFollowed({ platform: 'sandbox', message: { chatId: 'g-work', text: '已签到' } }, async (written) => (rowId = written));
      await out.write(tx, at);
      return rowId;
    });
    const queued = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect([queued.status, queued.attempts, queued.subject, queued.createdAt.toISOString(), JSON.parse(queued.payload).text]).toEqual(['pending', 0, null, at.toISOString(), '已签到']);
    expect(await db.outboxMessage.count({ where: { createdAt: { lte: at, gte: at } } })).toBe(1);
  });
});
