import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { issueBindCode } from '../../src/core/bind-codes.ts';
import type { InboundMessage } from '../../src/messaging/types.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { onPostgres } from '../helpers/database.ts';
import { until } from '../helpers/until.ts';

/**
 * Two instances on one database meeting over a row neither has yet: a new chat's first messages,
 * one account's 绑定, one resident question delivered twice. On PostgreSQL two bots share the
 * database; SQLite runs one bot per file, so there the one bot gets both messages at once.
 */

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
});

const NOW = '2026-11-23T09:00:00+08:00';

async function twoInstances(): Promise<[TestApp, TestApp]> {
  const a = await startTestApp({ demo: true, now: NOW });
  apps.push(a);
  if (!onPostgres) return [a, a];
  const b = await startTestApp({ databaseUrl: a.databaseUrl, now: NOW });
  apps.push(b);
  // Both schedulers' catch-up at start (one claims each job, the other finds it claimed) is over before the race.
  await Promise.all([a.app.scheduler.tick(), b.app.scheduler.tick()]);
  return [a, b];
}

interface Gate {
  /** Waits until `count` sessions wait behind the gate, then lets them all go at once. */
  open(count: number): Promise<void>;
}

/**
 * Holds every insert into `table` (PostgreSQL: a SHARE lock lets reads through, not writes), so
 * that both instances read that the row is missing before either writes it: the race, every time.
 * A session counts as held when it waits for any lock: a 绑定 waits behind the other on its
 * platform's BindAttempts row (src/core/bind-guard.ts), which itself waits here.
 * On SQLite there is nothing to hold: the one bot's transactions take turns.
 */
async function gate(databaseUrl: string, table: string): Promise<Gate> {
  if (!onPostgres || process.env.NO_GATE) return { open: async () => {} };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE "${table}" IN SHARE MODE`);
  return {
    async open(count) {
      try {
        await until(`${count} sessions held at ${table}`, async () => {
          const { rows } = await client.query<{ n: string }>(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
          );
          return Number(rows[0]!.n) >= count;
        });
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
    },
  };
}

async function botTexts(app: TestApp, chatId: string): Promise<string[]> {
  return (await app.messages(chatId)).filter((m) => m.userId === 'bot').map((m) => m.text);
}

describe('two instances creating the same row at once: one row, every message answered', () => {
  it('the first messages of a new chat', async () => {
    const [a, b] = await twoInstances();
    const held = await gate(a.databaseUrl, 'Chat');
    const said = Promise.all([a.say('dm:newcomer', 'newcomer', '帮助', { id: 'first-1' }), b.say('dm:newcomer', 'newcomer', '帮助', { id: 'first-2' })]);
    await held.open(2);
    await said;
    const replies = await until('both answers', async () => {
      const texts = await botTexts(a, 'dm:newcomer');
      return texts.length >= 2 ? texts : null;
    });
    const chats = await a.app.db.chat.count({ where: { platform: 'sandbox', platformChatId: 'dm:newcomer' } });
    const events = await a.app.db.inboxEvent.findMany({ where: { eventId: { in: ['first-1', 'first-2'] } }, select: { status: true } });
    process.stdout.write(`new chat, first messages at two instances at once: ${chats} chat row, events ${events.map((e) => e.status).join(', ')}, ${replies.length} replies\n`);
    expect(chats).toBe(1);
    expect(events.map((e) => e.status)).toEqual(['done', 'done']);
    expect(replies).toHaveLength(2);
    for (const text of replies) expect(text).toMatch(/^你好！我是社区助手/);
  });

  it("one account's 绑定 with the person's two codes, at two instances at once", async () => {
    const [a, b] = await twoInstances();
    const codes = [await issueBindCode(a.app.db, '刘洋', undefined, new Date(NOW), 72), await issueBindCode(a.app.db, '刘洋', undefined, new Date(NOW), 72)];
    // The account wrote before: only the binding is new.
    await a.say('dm:liuyang-phone', 'liuyang-phone', '帮助');
    await until('the help', async () => (await botTexts(a, 'dm:liuyang-phone')).length === 1);
    const held = await gate(a.databaseUrl, 'Binding');
    const said = Promise.all([a.say('dm:liuyang-phone', 'liuyang-phone', `绑定 ${codes[0]!.code}`), b.say('dm:liuyang-phone', 'liuyang-phone', `绑定 ${codes[1]!.code}`)]);
    await held.open(2);
    await said;
    const replies = await until('both answers', async () => {
      const texts = (await botTexts(a, 'dm:liuyang-phone')).slice(1);
      return texts.length >= 2 ? texts : null;
    });
    const bindings = await a.app.db.binding.findMany({ where: { platform: 'sandbox', platformUserId: 'liuyang-phone' }, include: { person: true } });
    process.stdout.write(`绑定 from one account at two instances at once: ${bindings.length} binding; replies: ${replies.map((r) => r.slice(0, 12)).join(' | ')}\n`);
    expect(bindings.map((binding) => binding.person.name)).toEqual(['刘洋']);
    expect(replies).toHaveLength(2);
    for (const text of replies) expect(text).toMatch(/^(绑定成功！刘洋|这个账号已经绑定为刘洋)/);
  });

  it('a resident question delivered under two event ids, at two instances at once', async () => {
    const [a, b] = await twoInstances();
    const asked = (eventId: string): InboundMessage => ({
      platform: 'sandbox',
      eventId,
      messageId: 'question-1',
      chatId: 'g-residents',
      chatKind: 'group',
      senderId: 'resident-1',
      senderName: '居民甲',
      text: '请问社区周六办公吗？',
      mentionsBot: true,
      sentAt: new Date(NOW),
    });
    const held = await gate(a.databaseUrl, 'ResidentQuestion');
    const handled = Promise.all([a.app.dispatcher.receive(asked('question-1/a')), b.app.dispatcher.receive(asked('question-1/b'))]);
    await held.open(2);
    await handled;
    await a.app.delivery.drain();
    await b.app.delivery.drain();
    const questions = await a.app.db.residentQuestion.findMany({ select: { id: true } });
    const forwarded = await a.app.db.outboxMessage.count({ where: { platformChatId: 'g-work', payload: { contains: '请问社区周六办公吗' } } });
    const replies = await a.app.db.outboxMessage.findMany({ where: { platformChatId: 'g-residents' }, select: { payload: true } });
    process.stdout.write(`one question handled twice at two instances at once: ${questions.length} question, ${forwarded} forward to the work group, ${replies.length} reply\n`);
    expect(questions).toHaveLength(1);
    expect(forwarded).toBe(1);
    expect(replies).toHaveLength(1);
    // PostgreSQL's sequence may have given #1 to the insert that lost: the answer names the row that is.
    expect(replies[0]!.payload).toContain(`收到，已转给社区工作人员（问题 #${questions[0]!.id}）`);
  });
});
