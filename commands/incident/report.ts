import { z } from 'zod';
import { asWritten } from '../../src/core/as-written.ts';
import { defineCommand, TRIGGER, type ArgsResult, type CommandContext, type GroupTrigger } from '../../src/core/command.ts';
import { deskFor } from './command-support.ts';
import { fileReport } from './file.ts';
import { withheld } from './format.ts';
import { audienceOf } from '../../src/core/privacy.ts';
import { classify } from './rules/classify.ts';
import { writeReference } from '../../src/core/reference.ts';

const reportArgs = z.object({ text: asWritten(z.string().min(1)) });
type ReportArgs = z.infer<typeof reportArgs>;

function parseReport(rest: string): ArgsResult<ReportArgs> {
  const text = rest.trim();
  if (!text) return { ok: false, ask: { key: 'incident.report.ask' }, expects: { kind: 'text' } };
  return { ok: true, args: { text } };
}

/** Whose community the case is: the sender's, else the chat's, else the only one there is. */
async function communityOf(context: CommandContext): Promise<{ id: number; streetId: number | null } | null> {
  const id = context.sender?.communityId ?? context.chat.communityId;
  if (id) return context.tx.community.findUnique({ where: { id }, select: { id: true, streetId: true } });
  const all = await context.tx.community.findMany({ take: 2, select: { id: true, streetId: true } });
  return all.length === 1 ? all[0]! : null;
}

async function report(context: CommandContext, { text }: ReportArgs): Promise<void> {
  const community = await communityOf(context);
  if (!community) return context.reply(context.t('incident.noCommunity'));
  const desk = deskFor(context);
  const filed = await fileReport(desk, { text, sender: context.sender, message: context.message, chat: context.chat, communityId: community.id, streetId: context.sender?.streetId ?? community.streetId });
  // A confidential case's reporter is not @-mentioned in a residents' group.
  const mention = !withheld(audienceOf({ kind: context.chat.kind, purpose: context.chat.purpose }), filed.incident);
  context.reply(filed.reply, { subject: filed.subject, mention, ...(filed.buttons ? { buttons: filed.buttons } : {}) });
  // The basic facts asked for: the reporter's next words here (addressed or quoting, in a group) are follow-ups.
  context.expectAnswer({ command: 'incident-followup', rest: writeReference(filed.incident.id), expects: { kind: 'text' } });
}

/**
 * 上报 …: a report, from anyone (residents need not be bound). In a group it starts unaddressed only
 * with a separator and a description: 「上报的材料交了吗」「上报给街道了吗」 are glued to the word and stay talk.
 */
export const incidentReportCommand = defineCommand({
  id: 'incident-report',
  names: ['上报', '/report', '/incident'],
  summary: 'cmd.incidentReport.summary',
  example: 'cmd.incidentReport.example',
  allowedRoles: 'anyone',
  trigger: TRIGGER.withArgs,
  args: reportArgs,
  parse: (rest) => parseReport(rest),
  handle: report,
});

/**
 * 报告 is also how staff address a superior (「报告，王书记，材料我已经交了」): unaddressed it reports
 * only when what follows reads as an incident by the policy's words (a type, casualty or level
 * keyword); anything else stays talk. Addressed, it is 上报.
 */
const readsAsIncident: GroupTrigger = { alone: false, args: ({ rest }, context) => classify(context.policy.incident, rest).readsAsIncident };

export const incidentReportWordCommand = defineCommand({
  id: 'incident-report-word',
  names: ['报告'],
  summary: 'cmd.incidentReportWord.summary',
  example: 'cmd.incidentReportWord.example',
  allowedRoles: 'anyone',
  trigger: readsAsIncident,
  args: reportArgs,
  parse: (rest) => parseReport(rest),
  handle: report,
});
