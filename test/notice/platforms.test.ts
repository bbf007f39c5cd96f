import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../helpers/until.ts';
import { cardActionEvent, postCallback } from '../lark/callbacks.ts';
import { shownText } from '../lark/fake-lark.ts';
import { textUpdate } from '../telegram/telegram-harness.ts';
import { GROUPS, startNoticeWorld, type NoticeWorld } from './world.ts';

let world: NoticeWorld | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

const NOTICE = '发布通知 明天9:00-12:00停水\n3栋、5栋明天上午停水检修，请提前储水。收到请回复1';

async function states(w: NoticeWorld, noticeId: number) {
  const rows = await w.bot.app.db.noticeDelivery.findMany({ where: { noticeId }, orderBy: { id: 'asc' } });
  return Object.fromEntries(rows.map((r) => [r.title ?? r.platformChatId, r.status]));
}

describe('a notice to resident groups on WeChat, Telegram and Lark', () => {
  it('previews per platform, confirms, reaches every group it can, retries the limited ones, never calls a removed bot sent, and reports truthfully', async () => {
    world = await startNoticeWorld();
    const { bot, telegram, lark } = world;
    const asked = await bot.say('dm:wangfang', 'wangfang', NOTICE);
    const preview = await bot.botReply('dm:wangfang', (m) => m.startsWith('【通知预览 #1】'), asked);
    expect(preview.text.split('\n').slice(0, 2)).toEqual(['【通知预览 #1】分类：服务事项', '发往：全社区居民群，共 10 个群（沙盒 1 · Telegram 3 · 飞书 3 · 微信 3）']);
    expect(preview.text).toContain('【服务事项】明天9:00-12:00停水\n3栋、5栋明天上午停水检修，请提前储水。\n——王芳\n收到请回复1');
    expect(await bot.app.db.noticeDelivery.count()).toBe(0);

    const confirmed = await bot.say('dm:wangfang', 'wangfang', '确认发布');
    const result = await bot.botReply('dm:wangfang', (m) => m.startsWith('通知 #1「明天9:00-12:00停水」发送结束'), confirmed);
    expect(result.text.split('\n')).toEqual([
      '通知 #1「明天9:00-12:00停水」发送结束',
      '已发送 7/10 群 · 3 群机器人已被移出',
      '· telegram-gone（Telegram）：机器人已被移出（telegram 403: Forbidden: bot was kicked from the supergroup chat）',
      '· lark-gone（飞书）：机器人已被移出（lark send: 400 code 230002 Bot/User can NOT be out of the chat.）',
      '· wechat-gone（微信）：机器人已被移出（WeChat room res-left@chatroom not found）',
      '发送「通知 #1」查看每个群的情况。',
    ]);
    // The progress message was the reply to 确认发布, edited in place into the result (the sandbox edits).
    const publisherChat = (await bot.messages('dm:wangfang')).filter((m) => m.userId === 'bot');
    expect(publisherChat.filter((m) => m.text.includes('通知 #1「'))).toHaveLength(1);

    expect(await states(world, 1)).toEqual({
      幸福社区居民群: 'sent',
      'telegram-ok': 'sent',
      'telegram-limited': 'sent',
      'telegram-gone': 'gone',
      'lark-ok': 'sent',
      'lark-limited': 'sent',
      'lark-gone': 'gone',
      'wechat-ok': 'sent',
      'wechat-limited': 'sent',
      'wechat-gone': 'gone',
    });
    const limited = await bot.app.db.noticeDelivery.findMany({ where: { platformChatId: { in: [GROUPS.telegram.limited, GROUPS.lark.limited, GROUPS.wechat.limited] } } });
    expect(limited.map((d) => d.attempts)).toEqual([2, 2, 2]);
    // The removed bot was tried once, not retried.
    expect(telegram.callsOf('sendMessage').filter((c) => String(c.payload.chat_id) === GROUPS.telegram.gone)).toHaveLength(1);
    expect(lark.calls.filter((c) => c.body?.receive_id === GROUPS.lark.gone)).toHaveLength(1);

    // Residents saw it with a 收到 button (WeChat: a numbered menu).
    const tg = telegram.callsOf('sendMessage').find((c) => String(c.payload.chat_id) === GROUPS.telegram.ok && c.result)!;
    expect(tg.payload.text).toContain('3栋、5栋明天上午停水检修');
    expect(tg.payload.reply_markup.inline_keyboard[0][0]).toMatchObject({ text: '收到', callback_data: '收到 #1' });
    expect(shownText(lark.messages.find((m) => m.chatId === GROUPS.lark.ok)!)).toContain('3栋、5栋明天上午停水检修');
    expect(world.wechatSent.find((m) => m.chatId === GROUPS.wechat.ok)!.text).toMatch(/3栋、5栋明天上午停水检修[\s\S]*1[.、]?\s*收到/);

    // Each removed bot marks its chat unreachable and tells the admin chat once.
    const unreachable = await bot.app.db.chat.findMany({ where: { unreachableAt: { not: null } }, orderBy: { id: 'asc' } });
    expect(unreachable.map((c) => c.title).sort()).toEqual(['lark-gone', 'telegram-gone', 'wechat-gone']);
    const admin = await until('three admin reports', async () => {
      const texts = (await bot.messages('g-admin')).map((m) => m.text).filter((text) => text.startsWith('【群已无法送达】'));
      return texts.length >= 3 ? texts : null;
    });
    expect(admin.map((text) => /「(.+?)」/.exec(text)![1]).sort()).toEqual(['lark-gone', 'telegram-gone', 'wechat-gone']);
    expect(admin.find((text) => text.includes('telegram-gone'))).toMatch(/^【群已无法送达】机器人已不在「telegram-gone」（telegram）里：telegram 403: Forbidden: bot was kicked/);

    // The ledger shows every group's state and why.
    const show = await bot.say('dm:wangfang', 'wangfang', '通知 #1');
    const ledger = await bot.botReply('dm:wangfang', (m) => m.startsWith('通知 #1「明天9:00-12:00停水」（服务事项）'), show);
    expect(ledger.text).toContain('发往：全社区 · 已发送 7/10 群 · 3 群机器人已被移出');
    expect(ledger.text).toMatch(/· telegram-limited（Telegram）：已发送 .* · 收到 0 人/);
    expect(ledger.text).toMatch(/· lark-gone（飞书）：机器人已被移出（lark .*230002.*） · 收到 0 人/);
  });

  it('counts residents’ 收到 per group: a Telegram button, a Lark card button, a WeChat 「1」', async () => {
    world = await startNoticeWorld();
    const { bot, telegram, lark, rooms, resident } = world;
    await bot.say('dm:wangfang', 'wangfang', NOTICE);
    const confirmed = await bot.say('dm:wangfang', 'wangfang', '确认发布 #1');
    await bot.botReply('dm:wangfang', (m) => m.includes('发送结束'), confirmed);

    const tg = telegram.callsOf('sendMessage').find((c) => String(c.payload.chat_id) === GROUPS.telegram.ok && c.result)!;
    for (const [update, user] of [[1, 3001], [2, 3002], [3, 3001]] as const) {
      telegram.queueUpdate({ callback_query: { id: `cq-${update}`, from: { id: user, is_bot: false, first_name: `居民${user}` }, chat_instance: '1', data: '收到 #1', message: { message_id: tg.result.message_id, date: 0, chat: { id: Number(GROUPS.telegram.ok), type: 'supergroup', title: 'x' }, text: '…' } } });
    }
    const card = lark.messages.find((m) => m.chatId === GROUPS.lark.ok)!;
    const pressed = await postCallback(`${bot.url}/webhooks/lark`, cardActionEvent({ messageId: card.messageId, chatId: GROUPS.lark.ok, from: 'ou_resident1', value: { command: '收到 #1' }, at: new Date() }));
    expect(pressed.status).toBe(200);
    resident.say('1').to(rooms[GROUPS.wechat.ok]!);

    const counts = await until('the confirmations', async () => {
      const rows = await bot.app.db.noticeConfirmation.findMany();
      return rows.length >= 4 ? rows : null;
    });
    const byChat = await bot.app.db.noticeDelivery.findMany({ where: { id: { in: counts.map((c) => c.deliveryId) } } });
    const perGroup = Object.fromEntries(byChat.map((d) => [d.title, counts.filter((c) => c.deliveryId === d.id).length]));
    expect(perGroup).toEqual({ 'telegram-ok': 2, 'lark-ok': 1, 'wechat-ok': 1 });
  });

  it('a later notice skips the groups found unreachable; 撤回通知 recalls from Telegram and Lark and says WeChat could not', async () => {
    world = await startNoticeWorld();
    const { bot, telegram, lark } = world;
    await bot.say('dm:wangfang', 'wangfang', NOTICE);
    await bot.botReply('dm:wangfang', (m) => m.includes('发送结束'), await bot.say('dm:wangfang', 'wangfang', '确认发布'));
    const sendsBefore = telegram.callsOf('sendMessage').length;

    await bot.say('dm:wangfang', 'wangfang', '发布通知 周六上午义诊');
    const preview = await bot.botReply('dm:wangfang', (m) => m.startsWith('【通知预览 #2】'));
    expect(preview.text).toContain('其中 3 个群之前发现机器人已被移出，这次不会发送。');
    const result = await bot.botReply('dm:wangfang', (m) => m.startsWith('通知 #2「周六上午义诊」发送结束'), await bot.say('dm:wangfang', 'wangfang', '确认发布'));
    expect(result.text).toContain('已发送 7/10 群 · 3 群机器人已被移出');
    expect(result.text).toContain('· telegram-gone（Telegram）：机器人已被移出（未发送）（之前发送时已发现机器人不在群里）');
    expect(telegram.callsOf('sendMessage').filter((c) => String(c.payload.chat_id) === GROUPS.telegram.gone)).toHaveLength(1);
    expect(telegram.callsOf('sendMessage').length - sendsBefore).toBe(2);

    const withdraw = await bot.say('dm:wangfang', 'wangfang', '撤回通知 #2');
    await bot.botReply('dm:wangfang', (m) => m.startsWith('正在撤回通知 #2：\n· 7 个群已发出，正在撤回'), withdraw);
    const report = await bot.botReply('dm:wangfang', (m) => m.startsWith('通知 #2「周六上午义诊」撤回结果'), withdraw);
    expect(report.text.split('\n')).toEqual([
      '通知 #2「周六上午义诊」撤回结果：已从 5 个群撤回。',
      '以下 2 个群未能撤回，请到群里说明或手动处理：',
      '· wechat-ok（微信）：微信不支持撤回已发出的消息',
      '· wechat-limited（微信）：微信不支持撤回已发出的消息',
    ]);
    const tgSent = telegram.callsOf('sendMessage').filter((c) => c.result && c.payload.text.includes('义诊')).map((c) => c.result.message_id);
    expect(telegram.callsOf('deleteMessage').map((c) => c.payload.message_id).sort()).toEqual(tgSent.sort());
    expect(lark.recalled).toHaveLength(2);
    expect(await states(world, 2)).toMatchObject({ 'telegram-ok': 'recalled', 'lark-limited': 'recalled', 'wechat-ok': 'unrecalled', 幸福社区居民群: 'recalled', 'telegram-gone': 'unreachable' });
  });

  it('a publisher on Telegram gets one progress message, edited in place into the result', async () => {
    // Mid-morning, when no job writes to the publisher (the 08:30 plan prompt would be caught up at 09:00).
    world = await startNoticeWorld({ now: '2026-12-02T10:45:00+08:00' });
    const { bot, telegram } = world;
    const wang = await bot.app.db.person.findFirstOrThrow({ where: { name: '王芳' } });
    await bot.app.db.binding.create({ data: { personId: wang.id, platform: 'telegram', platformUserId: '1002', displayName: '王芳' } });
    const from = { id: 1002, first_name: '芳', last_name: '王' };
    telegram.queueUpdate(textUpdate(1002, from, '发布通知 周六上午义诊', { date: bot.clock.now() }));
    await telegram.waitForCall('sendMessage', (c) => String(c.payload.chat_id) === '1002' && c.payload.text.startsWith('【通知预览 #1】'));
    // The publisher reads the preview for more than Telegram's 1 s per chat: the progress message then goes out
    // at once, before the rate-limited group's retry settles the notice (else it would go out as the result).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    telegram.queueUpdate(textUpdate(1002, from, '确认发布', { date: bot.clock.now() }));
    const progress = await telegram.waitForCall('sendMessage', (c) => String(c.payload.chat_id) === '1002' && c.payload.text.startsWith('通知 #1「周六上午义诊」发送中'));
    expect(progress.payload.text).toBe('通知 #1「周六上午义诊」发送中\n已发送 0/10 群');
    const result = await telegram.waitForCall('editMessageText', (c) => c.payload.text.startsWith('通知 #1「周六上午义诊」发送结束'), 20_000);
    expect(result.payload.message_id).toBe(progress.result.message_id);
    expect(result.payload.text.split('\n')[1]).toBe('已发送 7/10 群 · 3 群机器人已被移出');
    // Nothing else went to the publisher: the counts were edited into the one message.
    const toPublisher = telegram.callsOf('sendMessage').filter((c) => String(c.payload.chat_id) === '1002');
    expect(toPublisher.map((c) => c.payload.text.split('\n')[0])).toEqual(['【通知预览 #1】分类：服务事项', '通知 #1「周六上午义诊」发送中']);
  });
});
