import { z } from 'zod';
import { defineCommand, TRIGGER, type ArgsResult, type CommandContext, type ParseContext, type Sender } from '../../src/core/command.ts';
import { OFFICE_STAFF, STREET_ROLES } from '../../src/core/roles.ts';
import { say, workflowFor } from '../../src/leave/command-support.ts';
import { leaveIdFromSubject, leaveRef } from '../../src/leave/parse-note.ts';
import { decide } from '../../src/leave/workflow.ts';

const decideArgs = z.object({ id: z.number().int().nullable(), comment: z.string() });
type DecideArgs = z.infer<typeof decideArgs>;

/** Whoever may be an approver; the handler then checks they are this step's approver. */
const APPROVER_ROLES = [...OFFICE_STAFF, ...STREET_ROLES];

function parseDecision(rest: string, context: ParseContext, needsReason: boolean): ArgsResult<DecideArgs> {
  const ref = leaveRef(rest, leaveIdFromSubject(context.quotedSubject));
  const comment = ref.rest.replace(/^[:：,，]\s*/, '');
  if (ref.id !== null && needsReason && !comment) return { ok: false, error: { key: 'leave.reject.reason', params: { id: ref.id } } };
  return { ok: true, args: { id: ref.id, comment } };
}

/** 同意 addressed without a number or a quote: the approver is shown their open notes (a platform may drop the quote). */
async function whichLeave(context: CommandContext<Sender>, approve: boolean): Promise<void> {
  const { sender } = context;
  const waiting = await context.tx.leaveStep.findMany({ where: { status: 'pending', approverId: sender.personId }, select: { requestId: true }, orderBy: { requestId: 'asc' } });
  if (waiting.length > 0) {
    return say(context, { key: 'leave.decide.waiting', params: { ids: waiting.map((s) => `#${s.requestId}`).join('、'), verb: approve ? '同意' : '驳回', example: approve ? '' : ' 理由' } });
  }
  say(context, { key: approve ? 'leave.approve.which' : 'leave.reject.which' });
}

function decision(approve: boolean) {
  return async (context: CommandContext<Sender>, args: DecideArgs) => {
    if (args.id === null) return whichLeave(context, approve);
    const { sender } = context;
    const w = workflowFor(context);
    const answer = await decide(w, { leaveId: args.id, actor: { personId: sender.personId, name: sender.name }, approve, comment: args.comment });
    await w.commit();
    say(context, answer);
  };
}

/** 同意 / 批准 by replying to the note, by its button, or anywhere as `同意 #编号`. */
export const leaveApproveCommand = defineCommand({
  id: 'leave-approve',
  names: ['同意', '批准', '/approve'],
  summary: 'cmd.leaveApprove.summary',
  example: 'cmd.leaveApprove.example',
  allowedRoles: APPROVER_ROLES,
  // 同意 and 驳回 are everyday words: in a group they act only by reply, button, @mention or 「同意 #编号」.
  trigger: TRIGGER.reference,
  args: decideArgs,
  parse: (rest, context) => parseDecision(rest, context, false),
  handle: decision(true),
});

/** 驳回 / 不同意 with a reason, the same three ways. */
export const leaveRejectCommand = defineCommand({
  id: 'leave-reject',
  names: ['驳回', '不同意', '不批准', '/reject'],
  summary: 'cmd.leaveReject.summary',
  example: 'cmd.leaveReject.example',
  allowedRoles: APPROVER_ROLES,
  // 同意 and 驳回 are everyday words: in a group they act only by reply, button, @mention or 「同意 #编号」.
  trigger: TRIGGER.reference,
  args: decideArgs,
  parse: (rest, context) => parseDecision(rest, context, true),
  handle: decision(false),
});
