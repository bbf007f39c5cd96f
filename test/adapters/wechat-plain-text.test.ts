import { describe, expect, it, vi } from 'vitest';
import { enqueue } from '../../src/messaging/outbox.ts';
import { officePerTest } from '../helpers/wechat.ts';

const startOffice = officePerTest();

describe('WeChat gets plain text', () => {
  it('a text starting with @所有人 is said as words: only the mention the bot means is in the mention list', async () => {
    const { world, zhang, group } = await startOffice();
    const puppet = world.adapter.wechaty.puppet;
    const said = vi.spyOn(puppet, 'messageSendText');
    const person = await world.app.db.person.findFirstOrThrow({ where: { name: '张三' } });
    const binding = await world.app.db.binding.findFirstOrThrow({ where: { personId: person.id, platform: 'wechat' } });
    await world.app.db.$transaction((tx) =>
      enqueue(
        tx,
        [
          { platform: 'wechat', message: { chatId: group.id, text: '@所有人 3号楼停水了 <b>急</b>' } },
          { platform: 'wechat', message: { chatId: group.id, text: '@所有人 请看', mention: { userId: binding.platformUserId, name: '张三' } } },
        ],
        world.clock.now(),
      ),
    );
    world.app.delivery.kick();
    await world.botSaid(group.id, (text) => text.endsWith('请看'));
    expect(said.mock.calls.map((call) => [call[0], call[1], call[2]])).toEqual([
      [group.id, '@所有人 3号楼停水了 <b>急</b>', []],
      [group.id, '@张三 @所有人 请看', [zhang.id]],
    ]);
  });
});
