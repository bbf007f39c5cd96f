import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { noticeRefArgs, ownNotice, parseNoticeRef } from './command-support.ts';
import { withdrawNotice } from './recall.ts';
import { ANY_NOTICE_PUBLISHER } from './roles.ts';
import { noticeRecord } from './records.ts';

/**
 * 撤回通知 #7: before it is sent the notice is cancelled; once sent it is recalled from every group
 * whose platform allows it, and the publisher is told where it stays. 撤回 alone is leave's word.
 */
export const noticeWithdrawCommand = defineCommand({
  id: 'notice-withdraw',
  names: ['撤回通知', '取消通知', '/unnotice'],
  summary: 'cmd.noticeWithdraw.summary',
  example: 'cmd.noticeWithdraw.example',
  allowedRoles: ANY_NOTICE_PUBLISHER,
  trigger: TRIGGER.reference,
  args: noticeRefArgs,
  // Only its publisher; without a number, their latest.
  record: { kinds: [noticeRecord], id: (args) => args.id, access: 'owner' },
  parse: parseNoticeRef,
  async handle(context, { id }) {
    const { t } = context;
    const notice = await ownNotice(context, id, ['draft', 'scheduled', 'sending', 'done']);
    if (!notice) return;
    const outcome = await withdrawNotice(context, notice, context.now, context.policy.notice.progressEverySeconds * 1000);
    switch (outcome.kind) {
      case 'already':
        context.reply(t('notice.withdraw.already', { id: notice.id }));
        return;
      case 'draft':
        context.reply(t('notice.withdraw.draft', { id: notice.id }));
        return;
      case 'scheduled':
        context.reply(t('notice.withdraw.scheduled', { id: notice.id, count: outcome.cancelled }));
        return;
      case 'sent': {
        const parts = [t('notice.withdraw.head', { id: notice.id })];
        if (outcome.cancelled > 0) parts.push(t('notice.withdraw.cancelled', { count: outcome.cancelled }));
        if (outcome.recalling > 0) parts.push(t('notice.withdraw.recalling', { count: outcome.recalling }));
        if (outcome.inFlight > 0) parts.push(t('notice.withdraw.inFlight', { count: outcome.inFlight, id: notice.id }));
        if (outcome.cancelled + outcome.recalling + outcome.inFlight === 0) parts.push(t('notice.withdraw.nothing'));
        context.reply(parts.join('\n'));
      }
    }
  },
});
