import { z } from 'zod';
import { CHAT_PURPOSES, type ChatPurpose } from '../../src/core/chat-purpose.ts';
import { argsFromSchema, defineCommand, TRIGGER } from '../../src/core/command.ts';
import { OFFICE_LEADERS } from '../../src/core/roles.ts';

const PURPOSE_WORDS: Record<string, ChatPurpose> = {
  工作群: 'work',
  工作: 'work',
  work: 'work',
  居民群: 'resident',
  居民: 'resident',
  resident: 'resident',
  residents: 'resident',
  应急群: 'emergency',
  应急: 'emergency',
  emergency: 'emergency',
};

const purposeArgs = z.object({ purpose: z.enum(CHAT_PURPOSES) });

/** 设为工作群 / 设为居民群 / 设为应急群: what a group is for, declared by the secretary or director. */
export const chatPurposeCommand = defineCommand({
  id: 'chat-purpose',
  names: ['设为', '设置为', '/set_group'],
  summary: 'cmd.chatPurpose.summary',
  example: 'cmd.chatPurpose.example',
  allowedRoles: OFFICE_LEADERS,
  trigger: TRIGGER.bare,
  // 「设为工作群」 is written as one word.
  glued: /^(工作群|居民群|应急群|工作|居民|应急)/,
  args: purposeArgs,
  parse(rest, { chatKind }) {
    if (chatKind !== 'group') return { ok: false, error: { key: 'error.groupOnly', params: { command: '设为工作群' } } };
    const word = rest.trim().toLowerCase();
    return argsFromSchema(purposeArgs, { purpose: word ? (PURPOSE_WORDS[word] ?? word) : undefined }, {
      ask: { purpose: { key: 'chatPurpose.ask' } },
      invalid: { purpose: { key: 'chatPurpose.ask' } },
    });
  },
  async handle({ tx, chat, sender, t, reply }, args) {
    if (!sender?.communityId || !sender.communityName) {
      reply(t('chatPurpose.noCommunity'));
      return;
    }
    const params = { community: sender.communityName, purpose: t(`chat.purpose.${args.purpose}`) };
    if (chat.purpose === args.purpose && chat.communityId === sender.communityId) {
      reply(t('chatPurpose.same', params));
      return;
    }
    await tx.chat.update({ where: { id: chat.id }, data: { purpose: args.purpose, communityId: sender.communityId } });
    reply(t('chatPurpose.done', params));
  },
});
