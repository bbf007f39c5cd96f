import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { deskFor, parseRefText, refTextArgs } from './command-support.ts';
import { OPEN_STATUSES, withheld } from './format.ts';
import { audienceOf } from '../../src/core/privacy.ts';
import { CASE_SUBJECT } from './subjects.ts';
import { addFollowUp } from './workflow.ts';
import { incidentRecord } from './records.ts';
import { referencePattern, subjectPrefix, writeReference } from '../../src/core/reference.ts';

/**
 * 续报: 「#5 续报 已疏散10人」「续报 #5 …」, a reply quoting a case message, or the answer to the
 * report's questions. 续报 is an everyday word (「续报一下情况」): in a group it acts only on a number,
 * a quote or an address. Pictures and a location sent with it become part of the case.
 */
export const incidentFollowUpCommand = defineCommand({
  id: 'incident-followup',
  names: ['续报', '补充', '/followup'],
  summary: 'cmd.incidentFollowUp.summary',
  example: 'cmd.incidentFollowUp.example',
  allowedRoles: 'anyone',
  trigger: TRIGGER.reference,
  prefix: referencePattern({ then: 'nothing' }),
  quotedSubjects: [subjectPrefix(CASE_SUBJECT)],
  args: refTextArgs,
  // Its office, and its reporter (a resident need not be bound).
  record: { kinds: [incidentRecord], id: (args) => args.id, access: 'office-or-owner' },
  parse: parseRefText,
  async handle(context, { id, text }) {
    const { sender, message, t, tx } = context;
    let caseId = id;
    if (caseId === null && message.chatKind === 'private') {
      const own = await tx.incident.findFirst({
        where: { status: { in: [...OPEN_STATUSES, 'closed', 'visiting'] }, ...(sender ? { reporterPersonId: sender.personId } : { platform: message.platform, platformUserId: message.senderId }) },
        orderBy: { id: 'desc' },
        select: { id: true },
      });
      caseId = own?.id ?? null;
    }
    if (caseId === null) return context.reply(t('incident.followup.which'));
    const attachments = message.attachments ?? [];
    const location = message.location ?? null;
    if (!text && attachments.length === 0 && !location) return context.reply(t('incident.followup.empty', { id: caseId }));
    const desk = deskFor(context);
    const answer = await addFollowUp(desk, caseId, { personId: sender?.personId ?? null, name: sender?.name ?? message.senderName ?? message.senderId, platform: message.platform, platformUserId: message.senderId }, text, { attachments, location });
    // A confidential case's reporter is not @-mentioned in a residents' group (the follow-up may just have made it one).
    const incident = await tx.incident.findUniqueOrThrow({ where: { id: caseId }, select: { confidential: true } });
    context.reply(answer, { mention: !withheld(audienceOf({ kind: context.chat.kind, purpose: context.chat.purpose }), incident) });
    if (message.chatKind === 'private') context.expectAnswer({ command: 'incident-followup', rest: writeReference(caseId), expects: { kind: 'text' } });
  },
});
