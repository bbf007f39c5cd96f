import { describe, expect, it } from 'vitest';
import { inboundFromMessage, type LarkMessageEvent } from '../../adapters/lark/events.ts';
import { messageEvent } from './callbacks.ts';

function flattened(payload: ReturnType<typeof messageEvent>): LarkMessageEvent {
  return { ...payload.header, ...payload.event } as LarkMessageEvent;
}

const byId = (id: string) => (mention: { id: { open_id?: string } }) => mention.id.open_id === id;

describe('Lark messages as the normalized message', () => {
  it('tells @_user_1 from @_user_10 and removes only the bot', () => {
    const mentions = Array.from({ length: 10 }, (_, i) => ({ key: `@_user_${i + 1}`, openId: `ou_${i + 1}`, name: `人${i + 1}` }));
    const event = messageEvent({ chatId: 'oc_1', from: 'ou_x', text: '@_user_10 签到 @_user_1', mentions, at: new Date() });
    const inbound = inboundFromMessage(flattened(event), byId('ou_10'))!;
    expect(inbound.text).toBe('签到 @人1');
    expect(inbound.mentionsBot).toBe(true);
  });

  it('reads rich-text (post) messages, mentions included', () => {
    const event = messageEvent({ chatId: 'oc_1', from: 'ou_x', text: '', mentions: [{ key: '@_user_1', openId: 'ou_bot', name: '社区助手' }], at: new Date() });
    event.event.message.message_type = 'post';
    event.event.message.content = JSON.stringify({ title: '', content: [[{ tag: 'at', user_id: '@_user_1' }, { tag: 'text', text: ' 签退' }]] });
    const inbound = inboundFromMessage(flattened(event), byId('ou_bot'))!;
    expect(inbound).toMatchObject({ text: '签退', mentionsBot: true });
  });

  it('carries the quoted message, the chat kind and the time Lark says it was sent', () => {
    const sent = new Date('2026-11-23T08:00:00+08:00');
    const event = messageEvent({ chatId: 'oc_dm', chatType: 'p2p', from: 'ou_x', text: '同意', parentId: 'om_card', at: sent });
    const inbound = inboundFromMessage(flattened(event), byId('ou_bot'))!;
    expect(inbound).toMatchObject({ chatKind: 'private', replyToMessageId: 'om_card', senderId: 'ou_x', mentionsBot: false });
    expect(inbound.sentAt.toISOString()).toBe(sent.toISOString());
    expect(inbound.eventId).toBe(event.header.event_id);
  });
});
