import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { textOf } from '../../src/i18n/value-text.ts';
import { noticeRefArgs, ownNotice, parseNoticeRef } from './command-support.ts';
import { NOTICE_STATUS_TEXT, whenText } from './format.ts';
import { progressMessage } from './progress.ts';
import { commitNotice } from './sending.ts';
import { ANY_NOTICE_PUBLISHER } from './roles.ts';
import { noticeRecord } from './records.ts';

/**
 * 确认发布 (#编号): commits the previewed notice and its delivery rows in this transaction; sent at
 * once (the reply is the progress message, edited as groups are reached) or at its time.
 */
export const noticeConfirmCommand = defineCommand({
  id: 'notice-confirm',
  names: ['确认发布', '/publish'],
  summary: 'cmd.noticeConfirm.summary',
  example: 'cmd.noticeConfirm.example',
  allowedRoles: ANY_NOTICE_PUBLISHER,
  trigger: TRIGGER.exact,
  args: noticeRefArgs,
  // Only its publisher; without a number, their latest.
  record: { kinds: [noticeRecord], id: (args) => args.id, access: 'owner' },
  parse: parseNoticeRef,
  async handle(context, { id }) {
    const { tx, t, now, policy } = context;
    const notice = await ownNotice(context, id, ['draft']);
    if (!notice) return;
    if (notice.status !== 'draft') {
      context.reply(t('notice.confirm.already', { id: notice.id, state: textOf(t, NOTICE_STATUS_TEXT, notice.status) }));
      return;
    }
    const total = await commitNotice(context, notice.id, now, { sendAt: notice.sendAt ?? undefined, announce: false });
    const committed = await tx.notice.findUniqueOrThrow({ where: { id: notice.id } });
    if (committed.sendAt) {
      context.reply(t('notice.confirm.scheduled', { id: notice.id, at: whenText(committed.sendAt, policy.timezone), total }));
      return;
    }
    const progress = progressMessage(t, committed, total);
    context.reply(progress.text, { buttons: progress.buttons, subject: progress.subject });
  },
});
