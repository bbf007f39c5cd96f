import { describe, expect, it } from 'vitest';
import { officePerTest, waitFor } from '../helpers/wechat.ts';

const started = officePerTest();

describe('WeChat groups and private chats', () => {
  it('answers a group check-in, with or without an @mention, mentioning the person', async () => {
    const { world, bot, zhang, wang, group } = await started();
    zhang.say('签到').to(group);
    await world.botSaid(group.id, (text) => text === '@张三 已签到 07:58（上午）准时');
    wang.say('@社区助手\u2005签到', [bot]).to(group);
    await world.botSaid(group.id, (text) => text === '@王芳 已签到 07:58（上午）准时');
    const rows = await world.app.db.checkIn.findMany({ include: { person: true }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.person.name, r.platform, r.status])).toEqual([
      ['张三', 'wechat', 'on_time'],
      ['王芳', 'wechat', 'on_time'],
    ]);
    const event = await world.app.db.inboxEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const inbound = JSON.parse(event.payload);
    expect(inbound.senderName).toBe('王芳');
    expect([inbound.text, inbound.mentionsBot, inbound.chatKind, inbound.chatTitle]).toEqual(['签到', true, 'group', '幸福社区工作群']);
  });

  it('keeps a mention of someone else in the text (no proxy check-in)', async () => {
    const { world, zhang, group } = await started();
    zhang.say('签到 @王芳').to(group);
    await world.botSaid(group.id, (text) => text.startsWith('@张三 签到只记在发送者本人名下'));
    expect(await world.app.db.checkIn.count()).toBe(0);
  });

  it('answers in a private chat', async () => {
    const { world, bot, zhang } = await started();
    zhang.say('帮助').to(bot);
    const help = await world.botSaid(zhang.id, (text) => text.startsWith('张三（社工），你可以使用这些指令'));
    expect(help.text).not.toMatch(/^@/);
  });

  it('a message replayed after a re-login has no second effect', async () => {
    const { world, bot, zhang, group } = await started();
    zhang.say('签到').to(group);
    await world.botSaid(group.id, (text) => text.startsWith('@张三 已签到'));
    const original = await world.app.db.inboxEvent.findFirstOrThrow({ where: { payload: { contains: '"senderName":"张三"' } }, orderBy: { id: 'desc' } });

    await world.adapter.wechaty.logout();
    await waitFor('the adapter to notice the logout', () => !world.adapter.isReady());
    await world.login(bot);
    const before = await world.app.db.inboxEvent.count();
    // The puppet hands the same message over again after the login.
    world.mocker.puppet.emit('message', { messageId: original.eventId });
    zhang.say('帮助').to(group);
    await world.botSaid(group.id, (text) => text.startsWith('@张三 张三（社工），你可以使用这些指令'));
    expect(await world.app.db.inboxEvent.count()).toBe(before + 1);
    expect(await world.app.db.checkIn.count()).toBe(1);
    expect(world.sent.filter((m) => m.text.startsWith('@张三 已签到'))).toHaveLength(1);
  });
});
