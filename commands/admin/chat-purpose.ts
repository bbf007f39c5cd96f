import { z } from 'zod';
import { CHAT_PURPOSES, type ChatPurpose } from '../../src/core/chat-purpose.ts';
import { argsFromSchema, defineCommand, TRIGGER } from '../../src/core/command.ts';
import { OFFICE_LEADERS } from '../../src/core/roles.ts';
import { readTags } from '../../src/rules/notice-words.ts';

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

const purposeArgs = z.object({ purpose: z.enum(CHAT_PURPOSES), tags: z.array(z.string()).default([]) });

/**
 * 设为工作群 / 设为居民群 / 设为应急群: what a group is for, declared by the secretary or director. A
 * resident group may name the buildings or grids it serves (设为居民群 3栋 5栋), so a notice can go to them.
 */
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
    const [word = '', ...tagWords] = rest.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const purpose = word ? (PURPOSE_WORDS[word] ?? word) : undefined;
    const tags = tagWords.map(readTags);
    if (tags.some((tag) => tag === null)) return { ok: false, error: { key: 'chatPurpose.badTag', params: { word: tagWords[tags.indexOf(null)]! } } };
    if (tags.length > 0 && purpose !== 'resident') return { ok: false, error: { key: 'chatPurpose.tagsResidentOnly' } };
    return argsFromSchema(purposeArgs, { purpose, tags: [...new Set(tags.flat() as string[])] }, {
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
    if (chat.purpose === args.purpose && chat.communityId === sender.communityId && args.tags.length === 0) {
      reply(t('chatPurpose.same', params));
      return;
    }
    await tx.chat.update({ where: { id: chat.id }, data: { purpose: args.purpose, communityId: sender.communityId } });
    // A group declared anew serves what it names now: its earlier buildings and grids go.
    await tx.chatTag.deleteMany({ where: { chatId: chat.id } });
    if (args.tags.length > 0) await tx.chatTag.createMany({ data: args.tags.map((tag) => ({ chatId: chat.id, tag })) });
    reply(args.tags.length > 0 ? t('chatPurpose.doneTags', { ...params, tags: args.tags.join('、') }) : t('chatPurpose.done', params));
  },
});
