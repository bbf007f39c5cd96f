import { z } from 'zod';
import { CHAT_PURPOSE_TEXT, CHAT_PURPOSES, type ChatPurpose } from '../../src/core/chat-purpose.ts';
import { argsFromSchema, defineCommand, TRIGGER, type CommandContext } from '../../src/core/command.ts';
import { type Sender } from '../../src/core/identity.ts';
import { OFFICE_LEADERS, STREET_ADMINS, isStreetRole } from '../../src/core/roles.ts';
import { readTags } from '../../src/core/tags.ts';
import { groupRecord, type ClaimedGroup } from './records.ts';

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

/** A community as written after the purpose: 「设为工作群 和平社区」. */
const COMMUNITY_WORD = /^\S+社区$/;

const purposeArgs = z.object({ purpose: z.enum(CHAT_PURPOSES), tags: z.array(z.string()).default([]), community: z.string().nullable().default(null) });
type PurposeArgs = z.infer<typeof purposeArgs>;

/** The community the group is declared for: the one named (a street role's), else the sender's, else the group's own. */
async function targetCommunity(context: CommandContext<Sender, ClaimedGroup>, args: PurposeArgs): Promise<{ id: number; name: string } | string> {
  const { tx, sender, t, record } = context;
  const street = sender.roles.some(isStreetRole) ? sender.streetId : null;
  if (args.community !== null) {
    // Naming a community is choosing among the street's: a community's own leaders keep to their own.
    const named = await tx.community.findUnique({ where: { name: args.community }, select: { id: true, name: true, streetId: true } });
    if (named && named.id === sender.communityId) return named;
    if (street === null) return t('chatPurpose.streetMoves', { community: args.community });
    if (!named || named.streetId !== street) return t('chatPurpose.noSuchCommunity', { community: args.community });
    return named;
  }
  if (sender.communityId !== null && sender.communityName !== null) return { id: sender.communityId, name: sender.communityName };
  if (record?.communityId != null && record.communityName !== null) return { id: record.communityId, name: record.communityName };
  return t(street === null ? 'chatPurpose.noCommunity' : 'chatPurpose.askCommunity');
}

/**
 * 设为工作群 / 设为居民群 / 设为应急群: what a group is for, declared by the secretary or director. A
 * resident group may name the buildings or grids it serves (设为居民群 3栋 5栋), so a notice can go to them.
 * A group keeps the community that first claimed it; moving it to another community is the street's
 * act (「设为工作群 和平社区」 by the street's 社区建设科), and says so.
 */
export const chatPurposeCommand = defineCommand({
  id: 'chat-purpose',
  names: ['设为', '设置为', '/set_group'],
  summary: 'cmd.chatPurpose.summary',
  example: 'cmd.chatPurpose.example',
  allowedRoles: [...OFFICE_LEADERS, ...STREET_ADMINS],
  where: { groupsOnly: true },
  trigger: TRIGGER.bare,
  // 「设为工作群」 is written as one word.
  glued: /^(工作群|居民群|应急群|工作|居民|应急)/,
  args: purposeArgs,
  // The group itself: unclaimed, or its community's (its street's, for street roles).
  record: { kinds: [groupRecord], id: (_args, chat) => chat.id, access: 'claim' },
  parse(rest) {
    const [word = '', ...more] = rest.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const purpose = word ? (PURPOSE_WORDS[word] ?? word) : undefined;
    const communities = more.filter((w) => COMMUNITY_WORD.test(w));
    const tags = more.filter((w) => !COMMUNITY_WORD.test(w)).map(readTags);
    if (tags.some((tag) => tag === null)) return { ok: false, error: { key: 'chatPurpose.badTag', params: { word: more.filter((w) => !COMMUNITY_WORD.test(w))[tags.indexOf(null)]! } } };
    if (tags.length > 0 && purpose !== 'resident') return { ok: false, error: { key: 'chatPurpose.tagsResidentOnly' } };
    return argsFromSchema(purposeArgs, { purpose, tags: [...new Set(tags.flat() as string[])], community: communities[0] ?? null }, {
      ask: { purpose: { key: 'chatPurpose.ask' } },
      invalid: { purpose: { key: 'chatPurpose.ask' } },
    });
  },
  async handle(context, args) {
    const { tx, chat, t, reply, sender } = context;
    const community = await targetCommunity(context, args);
    if (typeof community === 'string') return reply(community);
    const params = { community: community.name, purpose: t(CHAT_PURPOSE_TEXT[args.purpose]) };
    if (chat.purpose === args.purpose && chat.communityId === community.id && args.tags.length === 0) return reply(t('chatPurpose.same', params));
    const moved = chat.communityId !== null && chat.communityId !== community.id;
    const from = moved ? (await tx.community.findUnique({ where: { id: chat.communityId! }, select: { name: true } }))?.name ?? '' : '';
    await tx.chat.update({ where: { id: chat.id }, data: { purpose: args.purpose, communityId: community.id } });
    // A group declared anew serves what it names now: its earlier buildings and grids go.
    await tx.chatTag.deleteMany({ where: { chatId: chat.id } });
    if (args.tags.length > 0) await tx.chatTag.createMany({ data: args.tags.map((tag) => ({ chatId: chat.id, tag })) });
    if (moved) return reply(t('chatPurpose.moved', { ...params, from, name: sender.name }));
    reply(args.tags.length > 0 ? t('chatPurpose.doneTags', { ...params, tags: args.tags.join('、') }) : t('chatPurpose.done', params));
  },
});
