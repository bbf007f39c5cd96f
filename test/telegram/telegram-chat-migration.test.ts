import { afterEach, describe, expect, it } from 'vitest';
import { migrateChat } from '../../src/core/chat-migration.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

describe('migrateChat (Telegram supergroups, reusable by any platform)', () => {
  it('merges into a chat already seen under the new id, moves queued messages and open questions, and is idempotent', async () => {
    bot = await startTestApp();
    const { db } = bot.app;
    await bot.app.delivery.stop();
    // No reminder of the start-up catch-up lands in the outbox this test counts.
    await bot.app.scheduler.stop();
    const community = await db.community.create({ data: { name: '幸福社区' } });
    await db.chat.create({ data: { platform: 'telegram', platformChatId: '-1', kind: 'group', title: '工作群', purpose: 'work', communityId: community.id } });
    await db.chat.create({ data: { platform: 'telegram', platformChatId: '-1002', kind: 'group' } });
    const due = new Date();
    const row = (status: string) => ({ platform: 'telegram', platformChatId: '-1', payload: JSON.stringify({ chatId: '-1', text: status }), status, nextAttemptAt: due, createdAt: due });
    await db.outboxMessage.createMany({ data: [row('pending'), row('sent')] });
    const question = (chatId: string, user: string, command: string) => ({ platform: 'telegram', platformChatId: chatId, platformUserId: user, command, state: '{}', expiresAt: due });
    await db.conversation.createMany({ data: [question('-1', 'a', 'bind'), question('-1', 'b', 'bind'), question('-1002', 'b', 'checkin')] });

    await migrateChat(db, 'telegram', '-1', '-1002');
    await migrateChat(db, 'telegram', '-1', '-1002');

    const chats = await db.chat.findMany({ where: { platform: 'telegram' } });
    expect(chats.map((c) => [c.platformChatId, c.purpose, c.communityId, c.title])).toEqual([['-1002', 'work', community.id, '工作群']]);
    const rows = await db.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.status, r.platformChatId, JSON.parse(r.payload).chatId])).toEqual([
      ['pending', '-1002', '-1002'],
      // A supergroup numbers its messages afresh: old ids stay with the old chat.
      ['sent', '-1', '-1'],
    ]);
    const questions = await db.conversation.findMany({ orderBy: { platformUserId: 'asc' } });
    expect(questions.map((q) => [q.platformChatId, q.platformUserId, q.command])).toEqual([
      ['-1002', 'a', 'bind'],
      ['-1002', 'b', 'checkin'],
    ]);
  });
});
