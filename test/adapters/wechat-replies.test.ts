import { describe, expect, it } from 'vitest';
import { enqueue } from '../../src/messaging/outbox.ts';
import { officePerTest, sayQuoting, waitFor } from '../helpers/wechat.ts';

const started = officePerTest();

describe('WeChat replies: quotes and numbered menus', () => {
  it('a quoted reply reaches the core with replyToMessageId of the bot message it quotes', async () => {
    const { world, wang, group } = await started();
    await world.app.db.$transaction((tx) =>
      enqueue(tx, [{ platform: 'wechat', message: { chatId: group.id, text: '张三申请事假 1 天（#12）' }, subject: 'leave:12' }], world.clock.now()),
    );
    world.app.delivery.kick();
    const request = await world.botSaid(group.id, (text) => text.includes('#12'));
    const row = await waitFor('the request to be marked sent', () => world.app.db.outboxMessage.findFirst({ where: { subject: 'leave:12', status: 'sent' } }));
    expect(row.platformMessageId).toBe(request.id);

    sayQuoting(world, 'quote-1', wang, group, '同意', request);
    const event = await waitFor('the quoted reply in the inbox', () => world.app.db.inboxEvent.findUnique({ where: { platform_eventId: { platform: 'wechat', eventId: 'quote-1' } } }));
    const inbound = JSON.parse(event.payload);
    expect([inbound.text, inbound.replyToMessageId, inbound.senderName]).toEqual(['同意', request.id, '王芳']);
  });

  it('renders buttons as a numbered menu and turns a bare number into the button, also after other messages', async () => {
    const { world, zhang, group } = await started();
    const buttons = [
      { label: '签到', value: '签到' },
      { label: '帮助', value: '帮助' },
    ];
    await world.app.db.$transaction((tx) => enqueue(tx, [{ platform: 'wechat', message: { chatId: group.id, text: '上午签到开始了', buttons } }], world.clock.now()));
    world.app.delivery.kick();
    await world.botSaid(group.id, (text) => text === '上午签到开始了\n回复数字：1 签到 2 帮助');
    await waitFor('the menu to be marked sent', () => world.app.db.outboxMessage.findFirst({ where: { payload: { contains: '上午签到开始了' }, status: 'sent' } }));

    zhang.say('9').to(group);
    await waitFor('the unknown number in the inbox', () => world.app.db.inboxEvent.findFirst({ where: { payload: { contains: '"text":"9"' } } }));
    zhang.say('1').to(group);
    await world.botSaid(group.id, (text) => text === '@张三 已签到 07:58（上午）准时');
    const checkIns = await world.app.db.checkIn.findMany({ include: { person: true } });
    expect(checkIns.map((c) => c.person.name)).toEqual(['张三']);
    const pressed = await world.app.db.inboxEvent.findFirstOrThrow({ where: { payload: { contains: '"isButton":true' } } });
    expect(JSON.parse(pressed.payload).text).toBe('签到');
  });
});
