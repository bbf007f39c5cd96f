import { translate } from '../../commands/index.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { publishNotice, type NoticeInput } from '../../commands/notice/sending.ts';
import type { Tx } from '../../src/db/client.ts';
import { Outbox } from '../../src/messaging/outbox.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

const t = translate('zh-CN');

/** Publishes in the caller's transaction and writes its outbox there, as the dispatcher does after a command. */
async function publish(tx: Tx, input: NoticeInput): Promise<number> {
  const out = new Outbox();
  const id = await publishNotice({ tx, out, t }, input);
  await out.write(tx, input.now);
  return id;
}

/** Groups beside the demo's: two tagged resident groups, one the bot was removed from, and another community's. */
async function addGroups(app: TestApp['app']) {
  const community = await app.db.community.findUniqueOrThrow({ where: { name: '幸福社区' } });
  const other = await app.db.community.create({ data: { name: '和平社区', streetId: community.streetId } });
  const make = (platformChatId: string, communityId: number, extra: object = {}) =>
    app.db.chat.create({ data: { platform: 'sandbox', platformChatId, kind: 'group', title: platformChatId, purpose: 'resident', communityId, ...extra } });
  const b3 = await make('g-b3', community.id);
  const b5 = await make('g-b5', community.id, { unreachableAt: new Date(), unreachableReason: 'bot was kicked' });
  await make('g-peace', other.id);
  await app.db.chatTag.createMany({ data: [{ chatId: b3.id, tag: '3栋' }, { chatId: b5.id, tag: '5栋' }] });
  return { community, other };
}

describe('publishNotice', () => {
  it('files the notice and one delivery row per target chat, each linked to its outbox row, in the caller’s transaction', async () => {
    bot = await startTestApp({ demo: true, now: '2026-12-02T09:00:00+08:00' });
    const { community } = await addGroups(bot.app);
    const wang = await bot.app.db.person.findFirstOrThrow({ where: { name: '王芳' } });
    const now = bot.clock.now();
    const input = { communityId: community.id, streetId: community.streetId, title: '停水', body: '明天9:00-12:00停水', category: '服务事项', publisher: wang, audienceLabel: '全社区', now };

    const all = await bot.app.db.$transaction((tx) => publish(tx, { ...input, audience: { scope: 'community', tags: [] } }));
    const rows = await bot.app.db.noticeDelivery.findMany({ where: { noticeId: all }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.platformChatId, r.status, r.outboxId !== null])).toEqual([
      ['g-residents', 'queued', true],
      ['g-b3', 'queued', true],
      ['g-b5', 'unreachable', false],
    ]);
    const outbox = await bot.app.db.outboxMessage.findMany({ where: { id: { in: rows.flatMap((r) => (r.outboxId ? [r.outboxId] : [])) } } });
    expect(outbox.map((o) => [o.platformChatId, o.subject, JSON.parse(o.payload).text])).toEqual([
      ['g-residents', `notice:${all}`, '【服务事项】停水\n明天9:00-12:00停水\n——王芳'],
      ['g-b3', `notice:${all}`, '【服务事项】停水\n明天9:00-12:00停水\n——王芳'],
    ]);

    // A building's groups, plus the emergency and work groups an alert needs.
    // Read in the caller's transaction: once committed, the running bot may finish sending at any moment.
    const tagged = await bot.app.db.$transaction(async (tx) => {
      const id = await publish(tx, { ...input, audience: { scope: 'community', tags: ['3栋'] }, extraPurposes: ['emergency', 'work'], source: 'alert', alertId: 4 });
      expect(await tx.notice.findUniqueOrThrow({ where: { id } })).toMatchObject({ source: 'alert', alertId: 4, status: 'sending' });
      return id;
    });
    const taggedRows = await bot.app.db.noticeDelivery.findMany({ where: { noticeId: tagged }, orderBy: { id: 'asc' } });
    expect(taggedRows.map((r) => [r.platformChatId, r.purpose])).toEqual([
      ['g-b3', 'resident'],
      ['g-emergency', 'emergency'],
      ['g-work', 'work'],
    ]);

    // The street: every community's resident groups.
    const street = await bot.app.db.$transaction((tx) => publish(tx, { ...input, communityId: null, audience: { scope: 'street', tags: [] } }));
    expect((await bot.app.db.noticeDelivery.findMany({ where: { noticeId: street } })).map((r) => r.platformChatId).sort()).toEqual(['g-b3', 'g-b5', 'g-peace', 'g-residents']);

    // Rolled back with the caller: no notice, no rows, no messages. (Delivery rows only: the running bot meanwhile
    // writes the publisher's results of the notices above.)
    const deliveries = { where: { subject: { startsWith: 'notice:' } } };
    const before = await bot.app.db.outboxMessage.count(deliveries);
    await expect(
      bot.app.db.$transaction(async (tx) => {
        await publish(tx, { ...input, audience: { scope: 'community', tags: [] } });
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    expect([await bot.app.db.notice.count(), await bot.app.db.outboxMessage.count(deliveries)]).toEqual([3, before]);
  });

  it('a scheduled notice files its rows and sends nothing until released', async () => {
    bot = await startTestApp({ demo: true, now: '2026-12-02T09:00:00+08:00' });
    const { community } = await addGroups(bot.app);
    const wang = await bot.app.db.person.findFirstOrThrow({ where: { name: '王芳' } });
    const before = await bot.app.db.outboxMessage.count();
    const id = await bot.app.db.$transaction((tx) =>
      publish(tx, { communityId: community.id, streetId: community.streetId, title: '开会', body: '开会', category: '会议决议', publisher: wang, audience: { scope: 'community', tags: ['3栋'] }, audienceLabel: '3栋', now: bot!.clock.now(), sendAt: new Date('2026-12-05T00:00:00Z') }),
    );
    expect((await bot.app.db.noticeDelivery.findMany({ where: { noticeId: id } })).map((r) => [r.platformChatId, r.status, r.outboxId])).toEqual([['g-b3', 'scheduled', null]]);
    expect(await bot.app.db.outboxMessage.count()).toBe(before);
  });
});
