import { z } from 'zod';
import { asWritten } from '../../src/core/as-written.ts';
import { defineCommand, triggerWithArgs, TRIGGER } from '../../src/core/command.ts';
import { OFFICE_STAFF } from '../../src/core/roles.ts';
import { arrivalText, recordArrival } from './arrival.ts';
import { handOver } from './handover-line.ts';

/** 接班: arriving on duty (the shift's check-in, also on holidays and at night) and reading the last handover. */
export const dutyTakeOverCommand = defineCommand({
  id: 'duty-take-over',
  names: ['接班', '值班签到', '/takeover'],
  summary: 'cmd.dutyTakeOver.summary',
  example: 'cmd.dutyTakeOver.example',
  allowedRoles: OFFICE_STAFF,
  // The word alone is the act (as 签到 is); with words after it, it is talk (「接班的人到了吗」 is glued anyway).
  trigger: TRIGGER.alone,
  args: z.object({}),
  parse: () => ({ ok: true, args: {} }),
  async handle(context) {
    const { policy, t, now, sender } = context;
    const arrival = await recordArrival(context, sender, now);
    if (!arrival) return context.reply(t('duty.takeOver.none', { minutes: policy.duty.checkIn.opensMinutesBefore }));
    context.reply(arrivalText(t, arrival));
  },
});

/** 交班 [情况]: the handover line of a night or 24-hour shift (any shift may record one). */
export const dutyHandOverCommand = defineCommand({
  id: 'duty-hand-over',
  names: ['交班', '/handover'],
  summary: 'cmd.dutyHandOver.summary',
  example: 'cmd.dutyHandOver.example',
  allowedRoles: OFFICE_STAFF,
  // 「交班 一切正常」 is the act with its note; a question after it (「交班，明天聊吗」) and 「交班了吗」 (glued) are talk.
  trigger: triggerWithArgs(/^(?![\s\S]*[?？吗呢么]$)[\s\S]+$/, true),
  args: z.object({ note: asWritten(z.string()) }),
  parse: (rest) => ({ ok: true, args: { note: rest.trim() } }),
  async handle(context, { note }) {
    context.reply(await handOver(context, context.sender.personId, note));
  },
});
