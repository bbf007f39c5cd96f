import { z } from 'zod';
import { asWritten } from '../../../src/core/as-written.ts';
import { defineCommand, TRIGGER, type ArgsResult, type CommandContext, type ParseContext } from '../../../src/core/command.ts';
import type { Role } from '../../../src/core/roles.ts';
import { fileQuestion } from './questions.ts';

const askArgs = z.object({ text: asWritten(z.string().min(1)) });
type AskArgs = z.infer<typeof askArgs>;

/** A resident, bound or not: staff addressing the bot with an unknown word still get suggestions. */
const isResident = (roles: readonly Role[] | null) => roles === null || roles.every((role) => role === 'resident');

function parseQuestion(rest: string): ArgsResult<AskArgs> {
  const text = rest.trim();
  if (!text) return { ok: false, ask: { key: 'question.ask' }, expects: { kind: 'text' } };
  return { ok: true, args: { text } };
}

async function ask(context: CommandContext, { text }: AskArgs): Promise<void> {
  const { tx, t, policy, message, chat, sender } = context;
  const communityId = chat.communityId ?? sender?.communityId ?? null;
  const filed = await fileQuestion(tx, t, policy.timezone, {
    communityId,
    platform: message.platform,
    chatId: message.chatId,
    chatTitle: chat.title ?? message.chatTitle ?? null,
    messageId: message.messageId,
    askerUserId: message.senderId,
    askerName: sender?.name ?? message.senderName ?? message.senderId,
    askerPersonId: sender?.personId ?? null,
    text,
    askedAt: context.now,
  });
  // The same message filed already, answered there.
  if (!filed) return;
  const { question, posts } = filed;
  context.out.add(...posts);
  context.reply(t(posts.length > 0 ? 'question.received' : 'question.noWorkGroup', { id: question.id }), { quote: true });
}

/**
 * 居民提问: in a resident group, a resident's message to the bot (an @mention or a quote of a bot
 * message) that is no command is a question for the office; 「咨询 …」 says so in any chat.
 */
export const questionAskCommand = defineCommand({
  id: 'resident-question',
  names: ['咨询', '提问', '/ask'],
  summary: 'cmd.questionAsk.summary',
  example: 'cmd.questionAsk.example',
  allowedRoles: 'anyone',
  // 咨询 and 提问 are everyday words: unaddressed they are talk.
  trigger: TRIGGER.addressed,
  catchesAddressed: (context: ParseContext) => context.chatKind === 'group' && context.chatPurpose === 'resident' && isResident(context.roles),
  args: askArgs,
  parse: (rest) => parseQuestion(rest),
  handle: ask,
});
