import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultPolicy, translate } from '../../commands/index.ts';
import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { Dispatcher } from '../../src/core/dispatcher.ts';
import type { Db } from '../../src/db/client.ts';
import { createLogger } from '../../src/log.ts';
import type { InboundMessage } from '../../src/messaging/types.ts';
import { SettableClock } from '../../src/time/clock.ts';
import { freshDb } from '../helpers/database.ts';

let db: Db | null = null;
afterEach(async () => {
  await db?.$disconnect();
  db = null;
});

/** A command whose handler fails after it wrote: a bug, not the database going away. */
const broken = defineCommand({
  id: 'broken',
  names: ['坏了'],
  summary: 'cmd.checkin.summary',
  example: 'cmd.checkin.example',
  allowedRoles: 'anyone',
  trigger: TRIGGER.alone,
  args: z.object({}),
  parse: () => ({ ok: true as const, args: {} }),
  async handle({ tx }) {
    await tx.community.create({ data: { name: '不该留下的社区' } });
    throw new Error('handler bug');
  },
});

const message = (eventId: string): InboundMessage => ({
  platform: 'sandbox',
  eventId,
  messageId: eventId,
  chatId: 'dm:u1',
  chatKind: 'private',
  senderId: 'u1',
  text: '坏了',
  mentionsBot: false,
  sentAt: new Date('2026-12-02T09:00:00+08:00'),
});

describe('a handler that throws', () => {
  it('rolls back its writes, keeps the event as failed once, and tells the sender in Chinese', async () => {
    db = (await freshDb('dispatcher-failure')).db;
    const clock = new SettableClock(new Date('2026-12-02T09:00:00+08:00'), { frozen: true });
    const dispatcher = new Dispatcher({ db, commands: [broken], policy: defaultPolicy(), t: translate('zh-CN'), log: createLogger('silent'), clock, botName: '社区助手', onOutbox: () => {} });

    expect(await dispatcher.receive(message('e1'))).toEqual({ duplicate: false });
    // The platform delivers the same event again: nothing more happens.
    expect(await dispatcher.receive(message('e1'))).toEqual({ duplicate: true });

    expect(await db.community.count({ where: { name: '不该留下的社区' } })).toBe(0);
    const events = await db.inboxEvent.findMany({ where: { eventId: 'e1' } });
    expect(events.map((e) => [e.status, e.error?.includes('handler bug')])).toEqual([['failed', true]]);
    const replies = await db.outboxMessage.findMany({ where: { platformChatId: 'dm:u1' } });
    expect(replies.map((r) => JSON.parse(r.payload).text)).toEqual(['抱歉，处理「坏了」时出了问题，已记录下来。请稍后再试，或联系管理员。']);
  });
});
