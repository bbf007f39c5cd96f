import { z } from 'zod';
import { asWritten } from '../../src/core/as-written.ts';
import type { ApprovalKind } from '../../src/approval/kind.ts';
import { approvalRecord } from '../../src/approval/records.ts';
import { decide } from '../../src/approval/workflow.ts';
import { defineCommand, TRIGGER, type ArgsResult, type Command, type CommandContext, type ParseContext } from '../../src/core/command.ts';
import { renderText } from '../../src/i18n/text.ts';
import { buttonValue, namedRecord, readSubject, writeReference } from '../../src/core/reference.ts';
import { type Sender } from '../../src/core/identity.ts';
import { OFFICE_STAFF, STREET_ROLES } from '../../src/core/roles.ts';

/**
 * 同意 / 驳回 for every kind of request (a leave note, an alert, a duty swap): by replying to its
 * post, by its button, or anywhere as 「同意 #编号」 (「同意 预警#3」 when two kinds share a number).
 */

const decideArgs = z.object({ kind: z.string().nullable(), id: z.number().int().nullable(), comment: asWritten(z.string()) });
type DecideArgs = z.infer<typeof decideArgs>;

/** Whoever may be an approver; the workflow then checks they are this step's approver. */
const APPROVER_ROLES = [...OFFICE_STAFF, ...STREET_ROLES];

function parseDecision(rest: string, context: ParseContext, kinds: readonly ApprovalKind[], needsReason: boolean): ArgsResult<DecideArgs> {
  const subject = readSubject(context.quotedSubject);
  const quoted = subject?.id != null ? { kind: subject.kind, id: subject.id } : null;
  // A number without `#` names the request only when no post is quoted.
  const named = namedRecord(rest, { nouns: kinds.map((k) => k.noun), bare: quoted === null, then: 'anything' }, quoted?.id ?? null);
  const kind = named.written ? (kinds.find((k) => k.noun === named.noun)?.kind ?? null) : (quoted?.kind ?? null);
  const { id, rest: comment } = named;
  if (id !== null && needsReason && !comment) return { ok: false, error: { key: 'approval.reject.reason', params: { ref: writeReference(id, named.noun) } } };
  return { ok: true, args: { kind, id, comment } };
}

/** Without a number or a quote (a platform may drop the quote): the approver is shown what waits for them. */
async function listWaiting(context: CommandContext<Sender>, kinds: readonly ApprovalKind[], approve: boolean): Promise<void> {
  const steps = await context.tx.approvalStep.findMany({ where: { status: 'pending', approverId: context.sender.personId }, select: { kind: true, requestId: true }, orderBy: { requestId: 'asc' } });
  const items = kinds
    .map((kind) => ({ kind, ids: steps.filter((s) => s.kind === kind.kind).map((s) => kind.reference(s.requestId)) }))
    .filter((group) => group.ids.length > 0)
    .map((group) => `${group.kind.noun} ${group.ids.join('、')}`);
  if (items.length === 0) return context.reply(renderText(context.t, { key: approve ? 'approval.approve.which' : 'approval.reject.which' }));
  context.reply(context.t('approval.waiting', { items: items.join('，'), verb: approve ? '同意' : '驳回', example: approve ? '' : ' 理由' }));
}

/**
 * The kind a number names, among those the guard found in the sender's scope: the one the sender
 * has a step waiting in, else the only one there is; several are asked about.
 */
async function kindOf(context: CommandContext<Sender>, candidates: readonly ApprovalKind[], id: number): Promise<ApprovalKind | ApprovalKind[]> {
  if (candidates.length === 1) return candidates[0]!;
  const waiting = await context.tx.approvalStep.findMany({ where: { requestId: id, status: 'pending', approverId: context.sender.personId }, select: { kind: true } });
  const mine = candidates.filter((k) => waiting.some((s) => s.kind === k.kind));
  return mine.length === 1 ? mine[0]! : mine.length > 1 ? mine : [...candidates];
}

function decision(kinds: () => readonly ApprovalKind[], approve: boolean) {
  return async (context: CommandContext<Sender>, args: DecideArgs) => {
    const all = kinds();
    if (args.id === null) return listWaiting(context, all, approve);
    const candidates = all.filter((kind) => context.records.some((r) => r.kind === kind.kind));
    const found = await kindOf(context, candidates, args.id);
    if (Array.isArray(found)) {
      const refs = found.map((k) => `「${buttonValue(approve ? '同意' : '驳回', writeReference(args.id!, k.noun))}」`).join('或');
      return context.reply(context.t('approval.ambiguous', { id: args.id, refs }));
    }
    const answer = await decide(context, found, { id: args.id, actor: { personId: context.sender.personId, name: context.sender.name }, approve, comment: args.comment });
    context.reply(renderText(context.t, answer));
  };
}

/** 同意 / 批准 and 驳回 / 不同意, over the approval kinds the families register. */
export function decideCommands(kinds: () => readonly ApprovalKind[]): Command[] {
  const common = {
    allowedRoles: APPROVER_ROLES,
    // 同意 and 驳回 are everyday words: in a group they act only by reply, button, @mention or 「同意 #编号」.
    trigger: TRIGGER.reference,
    args: decideArgs,
    // A request of the sender's office (their community's, or their street's for street roles), of the kind written if any.
    record: {
      get kinds() {
        return kinds().map(approvalRecord);
      },
      id: (args: DecideArgs) => args.id,
      kind: (args: DecideArgs) => args.kind,
      access: 'office' as const,
    },
  };
  return [
    defineCommand({
      ...common,
      id: 'approve',
      names: ['同意', '批准', '/approve'],
      summary: 'cmd.approve.summary',
      example: 'cmd.approve.example',
      parse: (rest, context) => parseDecision(rest, context, kinds(), false),
      handle: decision(kinds, true),
    }),
    defineCommand({
      ...common,
      id: 'reject',
      names: ['驳回', '不同意', '不批准', '/reject'],
      summary: 'cmd.reject.summary',
      example: 'cmd.reject.example',
      parse: (rest, context) => parseDecision(rest, context, kinds(), true),
      handle: decision(kinds, false),
    }),
  ];
}
