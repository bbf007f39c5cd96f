import { z } from 'zod';
import { defineCommand, type GroupTrigger } from '../../src/core/command.ts';
import { chatPurposeOf } from '../../src/core/chat-purpose.ts';
import { loadIncident } from './desk.ts';
import { caseLines, dayClock, OPEN_STATUSES, shown, statusName, withheld } from './format.ts';
import { audienceOf } from '../../src/core/privacy.ts';
import { loadLedger, summaryLines } from './ledger/rows.ts';
import { isIncidentStaff } from './roles.ts';
import { LOOKING_BACK, readMonth } from '../../src/time/grammar.ts';
import { officeDate } from '../../src/time/office-time.ts';
import { incidentRecord } from './records.ts';
import { readReference } from '../../src/core/reference.ts';

const showArgs = z.union([z.object({ kind: z.literal('open') }), z.object({ kind: z.literal('case'), id: z.number().int().positive() }), z.object({ kind: z.literal('month'), month: z.string() })]);

/** Unaddressed only as 「事件 #5」 or 「事件 本月」: 事件 alone, 「事件处理得怎么样了」 (glued) and 「事件，大家注意」 are talk. */
const trigger: GroupTrigger = { alone: false, args: ({ rest }, context) => readReference(rest, { then: 'nothing' }) !== null || readMonth(rest, { today: officeDate(context.now, context.policy.timezone), rollover: LOOKING_BACK }) !== null };

/**
 * 事件: open cases; 事件 #5: one case with its follow-ups; 事件 本月: the month's ledger in chat.
 * Staff see their community; anyone else sees the cases they reported.
 */
export const incidentShowCommand = defineCommand({
  id: 'incident-show',
  names: ['事件', '/incidents'],
  summary: 'cmd.incidentShow.summary',
  example: 'cmd.incidentShow.example',
  allowedRoles: 'anyone',
  trigger,
  args: showArgs,
  // One case: its office, or its reporter.
  record: { kinds: [incidentRecord], id: (args) => (args.kind === 'case' ? args.id : null), access: 'office-or-owner' },
  parse(rest, context) {
    const text = rest.trim();
    if (!text) return { ok: true, args: { kind: 'open' as const } };
    const ref = readReference(text, { bare: true, then: 'nothing' });
    if (ref) return { ok: true, args: { kind: 'case' as const, id: ref.id } };
    const month = readMonth(text, { today: officeDate(context.now, context.policy.timezone), rollover: LOOKING_BACK });
    if (month) return { ok: true, args: { kind: 'month' as const, month } };
    return { ok: false, error: { key: 'incident.show.usage' } };
  },
  async handle(context, args) {
    const { tx, t, policy, sender, message, chat } = context;
    const staff = isIncidentStaff(sender?.roles) && sender?.communityId != null;
    const audience = audienceOf({ kind: chat.kind, purpose: chatPurposeOf(chat.purpose) });
    const own = sender ? { reporterPersonId: sender.personId } : { platform: message.platform, platformUserId: message.senderId };
    if (args.kind === 'case') {
      const incident = (await loadIncident(tx, args.id))!;
      const updates = await tx.incidentUpdate.findMany({ where: { incidentId: incident.id, kind: 'followup' }, orderBy: { at: 'asc' } });
      const lines = [
        t('incident.line.title', { id: incident.id }),
        ...caseLines(t, policy, incident, audience),
        t('incident.line.status', { status: statusName(t, incident.status), holder: incident.holderName ? t('incident.line.holder', { name: incident.holderName }) : '' }),
        // A confidential case's words stay out of a residents' group, and nobody is named there.
        ...(withheld(audience, incident) ? [] : updates.map((u) => t('incident.line.followup', { time: dayClock(policy, u.at), name: audience === 'staff' ? (u.name ?? '') : '', text: shown(u.text ?? '', audience, incident) }))),
      ];
      if (incident.outcome && !withheld(audience, incident)) lines.push(t('incident.line.outcome', { outcome: shown(incident.outcome, audience, incident) }));
      return context.reply(lines.join('\n'));
    }
    if (args.kind === 'month' && staff) {
      const ledger = await loadLedger(tx, policy, t, args.month, sender!.communityId);
      const total = ledger.summary.total;
      if (total.count === 0) return context.reply(t('incident.month.none', { community: sender!.communityName ?? '', month: args.month }));
      return context.reply([t('incident.month.title', { community: sender!.communityName ?? '', month: args.month, count: total.count, closed: total.closed }), ...summaryLines(t, ledger)].join('\n'));
    }
    const where = staff ? { communityId: sender!.communityId, status: { in: [...OPEN_STATUSES] } } : { ...own, status: { notIn: ['merged'] } };
    const cases = await tx.incident.findMany({ where, orderBy: { id: 'desc' }, take: 20 });
    if (cases.length === 0) return context.reply(t(staff ? 'incident.list.none' : 'incident.list.noneOwn'));
    const lines = cases.map((c) => t('incident.list.line', { id: c.id, time: dayClock(policy, c.reportedAt), type: c.type, level: c.level, status: statusName(t, c.status), holder: c.holderName ? ` ${c.holderName}` : '' }));
    context.reply([t(staff ? 'incident.list.open' : 'incident.list.own'), ...lines].join('\n'));
  },
});
