import { z } from 'zod';
import { asWritten } from '../../src/core/as-written.ts';
import { defineCommand, TRIGGER, type ArgsResult, type ParseContext } from '../../src/core/command.ts';
import { draftNotice } from './draft.ts';
import { ANY_NOTICE_PUBLISHER, publishersFor } from './roles.ts';
import { parseNoticeWords } from './rules/words.ts';
import { readMoment, UPCOMING } from '../../src/time/grammar.ts';

export const wordsSchema = z.object({
  audience: z.object({ scope: z.enum(['community', 'street']), tags: z.array(z.string()) }),
  category: z.string().nullable(),
  title: asWritten(z.string().min(1)),
  body: asWritten(z.string().min(1)),
  askConfirm: z.boolean(),
});
const publishArgs = z.object({ words: wordsSchema, sendAt: z.date().nullable() });
type PublishArgs = z.infer<typeof publishArgs>;

/** The notice's words, or a prompt for them when only the audience (or nothing) was written. */
export function parsePublish(rest: string, context: ParseContext): ArgsResult<PublishArgs> {
  const words = parseNoticeWords(rest, context.policy.notice.categories.map((c) => c.name));
  if (!words) return { ok: false, ask: { key: 'notice.ask.text' }, expects: { kind: 'text' } };
  return { ok: true, args: { words, sendAt: null } };
}

/**
 * 发布通知 [3栋|全街道] [财务公开] 标题 / 正文: a preview of the notice to the resident groups; 确认发布 sends it.
 * Written as a command (its word first), so in a group it runs unaddressed; 「通知发了吗」 is talk.
 */
export const noticePublishCommand = defineCommand({
  id: 'notice-publish',
  names: ['发布通知', '/notice'],
  summary: 'cmd.noticePublish.summary',
  example: 'cmd.noticePublish.example',
  allowedRoles: ANY_NOTICE_PUBLISHER,
  trigger: TRIGGER.bare,
  args: publishArgs,
  rolesFor: (args) => publishersFor(args.words),
  parse: parsePublish,
  handle: (context, { words, sendAt }) => draftNotice(context, words, sendAt),
});

/**
 * 定时通知 12月5日 8:00 [3栋] 标题 / 正文: the same preview, sent by the notice job at that time once
 * confirmed. Unaddressed in a group it needs the time first (「定时通知 改天再说」 is talk).
 */
export const noticeScheduleCommand = defineCommand({
  id: 'notice-schedule',
  names: ['定时通知', '定时发布', '/notice_at'],
  summary: 'cmd.noticeSchedule.summary',
  example: 'cmd.noticeSchedule.example',
  allowedRoles: ANY_NOTICE_PUBLISHER,
  trigger: { alone: false, args: ({ rest }, { now, policy }) => readMoment(rest, { now, zone: policy.timezone, rollover: UPCOMING }) !== null },
  args: publishArgs,
  rolesFor: (args) => publishersFor(args.words),
  parse(rest, context) {
    const when = readMoment(rest, { now: context.now, zone: context.policy.timezone, rollover: UPCOMING });
    // The time comes first, so a missing one is explained rather than asked for (an answer would land after the text).
    if (when === null || when === 'invalid') return { ok: false, error: { key: 'notice.schedule.invalid' } };
    const parsed = parsePublish(when.rest, context);
    return parsed.ok ? { ok: true, args: { ...parsed.args, sendAt: when.at } } : { ok: false, error: { key: 'notice.schedule.noText' } };
  },
  handle: (context, { words, sendAt }) => draftNotice(context, words, sendAt),
});
