import { z } from 'zod';
import { defineCommand, type ArgsResult, type CommandContext, type ParseContext } from '../../src/core/command.ts';
import { OFFICE_STAFF, STREET_ROLES } from '../../src/core/roles.ts';
import { say, senderOf, workflowFor } from '../../src/leave/command-support.ts';
import { leaveIdFromSubject, leaveRef } from '../../src/leave/parse-note.ts';
import { decide } from '../../src/leave/workflow.ts';

const decideArgs = z.object({ id: z.number().int(), comment: z.string() });
type DecideArgs = z.infer<typeof decideArgs>;

/** Whoever may be an approver; the handler then checks they are this step's approver. */
const APPROVER_ROLES = [...OFFICE_STAFF, ...STREET_ROLES];

function parseDecision(rest: string, context: ParseContext, needsReason: boolean): ArgsResult<DecideArgs> {
  const ref = leaveRef(rest, leaveIdFromSubject(context.quotedSubject));
  if (ref.id === null) return { ok: false, error: { key: needsReason ? 'leave.reject.which' : 'leave.approve.which' } };
  const comment = ref.rest.replace(/^[:：,，]\s*/, '');
  if (needsReason && !comment) return { ok: false, error: { key: 'leave.reject.reason', params: { id: ref.id } } };
  return { ok: true, args: { id: ref.id, comment } };
}

function decision(approve: boolean) {
  return async (context: CommandContext, args: DecideArgs) => {
    const sender = senderOf(context);
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
  args: decideArgs,
  parse: (rest, context) => parseDecision(rest, context, true),
  handle: decision(false),
});
