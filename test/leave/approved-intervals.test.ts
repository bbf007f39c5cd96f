import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { approvedLeaveIntervals } from '../../commands/leave/approved-intervals.ts';
import { freshDb } from '../helpers/database.ts';

let db: Db;
const ids: Record<string, number> = {};
const at = (text: string) => new Date(`${text}+08:00`);

beforeAll(async () => {
  db = (await freshDb('intervals')).db;
  const a = await db.community.create({ data: { name: '幸福社区' } });
  const b = await db.community.create({ data: { name: '和平社区' } });
  for (const [name, communityId] of [['张伟', a.id], ['刘洋', a.id], ['李四', b.id]] as const) {
    ids[name] = (await db.person.create({ data: { name, rosterKey: name, communityId } })).id;
  }
  const leave = (name: string, start: string, end: string, status: string, extra: { returnedAt?: Date; type?: string } = {}) =>
    db.leaveRequest.create({
      data: {
        personId: ids[name]!,
        communityId: name === '李四' ? b.id : a.id,
        type: extra.type ?? '事假',
        startAt: at(start),
        endAt: at(end),
        workMinutes: 0,
        reason: '-',
        destination: '-',
        status,
        platform: 'sandbox',
        platformChatId: 'g',
        createdAt: at('2026-11-01T09:00:00'),
        ...(extra.returnedAt ? { returnedAt: extra.returnedAt } : {}),
      },
    });
  await leave('张伟', '2026-11-23T08:00:00', '2026-11-23T11:30:00', 'approved', { type: '病假' });
  await leave('张伟', '2026-11-24T08:00:00', '2026-11-26T16:30:00', 'approved', { returnedAt: at('2026-11-25T10:00:00'), type: '年休假' });
  await leave('刘洋', '2026-11-23T14:00:00', '2026-11-23T16:00:00', 'pending');
  await leave('刘洋', '2026-11-23T08:00:00', '2026-11-23T16:30:00', 'rejected');
  await leave('李四', '2026-11-22T08:00:00', '2026-11-24T16:30:00', 'approved');
});
afterAll(() => db.$disconnect());

describe('approvedLeaveIntervals', () => {
  it('returns approved leave only, clipped to the window', async () => {
    const day = await approvedLeaveIntervals(db, { from: at('2026-11-23T00:00:00'), to: at('2026-11-24T00:00:00') });
    expect(day.map((i) => [i.personId, i.type, i.from, i.to])).toEqual([
      [ids['张伟'], '病假', at('2026-11-23T08:00:00'), at('2026-11-23T11:30:00')],
      [ids['李四'], '事假', at('2026-11-23T00:00:00'), at('2026-11-24T00:00:00')],
    ]);
  });

  it('ends a leave at the actual 销假 when that was earlier', async () => {
    const week = await approvedLeaveIntervals(db, { personIds: [ids['张伟']!], from: at('2026-11-24T00:00:00'), to: at('2026-11-30T00:00:00') });
    expect(week.map((i) => [i.from, i.to])).toEqual([[at('2026-11-24T08:00:00'), at('2026-11-25T10:00:00')]]);
  });

  it('filters by people and by community', async () => {
    const window = { from: at('2026-11-01T00:00:00'), to: at('2026-12-01T00:00:00') };
    const community = await db.community.findUniqueOrThrow({ where: { name: '和平社区' } });
    expect((await approvedLeaveIntervals(db, { ...window, communityId: community.id })).map((i) => i.personId)).toEqual([ids['李四']]);
    expect(await approvedLeaveIntervals(db, { ...window, personIds: [ids['刘洋']!] })).toEqual([]);
    expect(await approvedLeaveIntervals(db, { ...window, personIds: [] })).toEqual([]);
  });
});
