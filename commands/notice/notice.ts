import { z } from 'zod';
import { defineCommand, type ArgsResult, type ParseContext } from '../../src/core/command.ts';
import { draftNotice } from './draft.ts';
import { ledgerText } from './ledger.ts';
import { NOTICE_READERS, publishersFor } from './roles.ts';
import { parsePublish, wordsSchema } from './publish.ts';
import { noticeRecord } from './records.ts';
import { readReference, writeSubject } from '../../src/core/reference.ts';
import { NOTICE_SUBJECTS } from './subjects.ts';

const noticeArgs = z.union([
  z.object({ show: z.number().int().positive() }),
  z.object({ words: wordsSchema, sendAt: z.null() }),
]);
type NoticeArgs = { show: number } | Extract<ReturnType<typeof parsePublish>, { ok: true }>['args'];

/**
 * 通知 #7: the notice's ledger, group by group. 通知 with lines under it (title, then body) drafts a
 * notice like 发布通知. 通知 is an everyday word (「通知一下大家」「通知发了吗」), so unaddressed in a
 * group only 「通知 #7」 acts; the lines are for a private chat or an @mention.
 */
export const noticeWordCommand = defineCommand({
  id: 'notice',
  names: ['通知', '/notices'],
  summary: 'cmd.notice.summary',
  example: 'cmd.notice.example',
  allowedRoles: NOTICE_READERS,
  trigger: { alone: false, args: ({ rest }) => readReference(rest, { then: 'nothing' }) !== null },
  args: noticeArgs as z.ZodType<NoticeArgs>,
  // With lines under it, it drafts a notice: for its publishers only.
  rolesFor: (args) => ('words' in args ? publishersFor(args.words) : null),
  // The ledger of a notice of the sender's office.
  record: { kinds: [noticeRecord], id: (args) => ('show' in args ? args.show : null), access: 'office' },
  parse(rest: string, context: ParseContext): ArgsResult<NoticeArgs> {
    const ref = readReference(rest, { then: 'nothing' });
    if (ref) return { ok: true, args: { show: ref.id } };
    return parsePublish(rest, context);
  },
  async handle(context, args) {
    if ('words' in args) return draftNotice(context, args.words, null);
    const notice = await context.tx.notice.findUniqueOrThrow({ where: { id: args.show } });
    context.reply(await ledgerText(context.tx, context.t, notice, context.policy.timezone), { subject: writeSubject(NOTICE_SUBJECTS.ledger, notice.id) });
  },
});
