import { afterEach, describe, expect, it } from 'vitest';
import { rebindPlatformIds } from '../../src/core/rebind.ts';
import type { Db } from '../../src/db/client.ts';
import { freshDb as openFreshDb } from '../helpers/database.ts';

let db: Db | null = null;
afterEach(async () => {
  await db?.$disconnect();
  db = null;
});

async function freshDb(): Promise<Db> {
  db = (await openFreshDb()).db;
  return db;
}

describe('re-binding platform ids after a re-login', () => {
  it('moves a group, a person, their private chat and queued messages to the new ids', async () => {
    const db = await freshDb();
    const community = await db.community.create({ data: { name: '幸福社区' } });
    const person = await db.person.create({ data: { name: '张三', rosterKey: '幸福社区/张三', communityId: community.id } });
    await db.binding.create({ data: { personId: person.id, platform: 'wechat', platformUserId: 'old-zhang', displayName: '张三' } });
    await db.chat.create({ data: { platform: 'wechat', platformChatId: 'old@chatroom', kind: 'group', title: '工作群', purpose: 'work', communityId: community.id } });
    await db.chat.create({ data: { platform: 'wechat', platformChatId: 'old-zhang', kind: 'private' } });
    // A message that came in on the new id before the re-binding left a bare row behind.
    await db.chat.create({ data: { platform: 'wechat', platformChatId: 'new@chatroom', kind: 'group', title: '工作群' } });
    const queued = { chatId: 'old@chatroom', text: '已签到', mention: { userId: 'old-zhang', name: '张三' } };
    await db.outboxMessage.create({ data: { platform: 'wechat', platformChatId: 'old@chatroom', payload: JSON.stringify(queued), nextAttemptAt: new Date(), createdAt: new Date() } });

    const result = await rebindPlatformIds(db, 'wechat', [{ id: 'new@chatroom', topic: '工作群' }], [{ id: 'new-zhang', names: ['张三'] }]);

    expect(result).toEqual({
      chats: [{ from: 'old@chatroom', to: 'new@chatroom', name: '工作群' }],
      bindings: [{ from: 'old-zhang', to: 'new-zhang', name: '张三' }],
      ambiguous: [],
    });
    const chats = await db.chat.findMany({ orderBy: { id: 'asc' } });
    expect(chats.map((c) => [c.platformChatId, c.kind, c.purpose])).toEqual([
      ['new@chatroom', 'group', 'work'],
      ['new-zhang', 'private', null],
    ]);
    const row = await db.outboxMessage.findFirstOrThrow();
    expect(row.platformChatId).toBe('new@chatroom');
    expect(JSON.parse(row.payload)).toEqual({ chatId: 'new@chatroom', text: '已签到', mention: { userId: 'new-zhang', name: '张三' } });
  });

  it('leaves two groups of one name and a group whose new id already has a purpose alone, and says so', async () => {
    const db = await freshDb();
    await db.chat.create({ data: { platform: 'wechat', platformChatId: 'a@chatroom', kind: 'group', title: '居民群', purpose: 'resident' } });
    await db.chat.create({ data: { platform: 'wechat', platformChatId: 'b@chatroom', kind: 'group', title: '工作群', purpose: 'work' } });
    await db.chat.create({ data: { platform: 'wechat', platformChatId: 'b2@chatroom', kind: 'group', title: '工作群', purpose: 'emergency' } });
    const rooms = [
      { id: 'x@chatroom', topic: '居民群' },
      { id: 'y@chatroom', topic: '居民群' },
      { id: 'b2@chatroom', topic: '工作群' },
    ];

    const result = await rebindPlatformIds(db, 'wechat', rooms, []);

    expect(result.chats).toEqual([]);
    expect(result.ambiguous).toEqual([
      { kind: 'group', name: '居民群', candidates: 2 },
      { kind: 'group', name: '工作群', candidates: 2 },
    ]);
    const ids = (await db.chat.findMany({ orderBy: { id: 'asc' } })).map((c) => c.platformChatId);
    expect(ids).toEqual(['a@chatroom', 'b@chatroom', 'b2@chatroom']);
  });
});
