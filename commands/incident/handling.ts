import { z } from 'zod';
import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { officeScope } from '../../src/core/records.ts';
import { actorOf, answerWith, parseRefRequired, parseRefText, refTextArgs } from './command-support.ts';
import { INCIDENT_LEADERS, INCIDENT_STAFF } from './roles.ts';
import { incidentRef } from './subjects.ts';
import { close, escalateToStreet, giveBack, onSite, setLevel, take, transfer, waitingCases } from './workflow.ts';
import { incidentRecord } from './records.ts';

/** Working a case is its office's: its community's staff and its street's emergency desk. */
const theCase = { kinds: [incidentRecord], id: <A extends { id: number | null }>(args: A) => args.id, access: 'office' } as const;

/**
 * Working a case: 受理, 转派, 退回, 到场, 办结, 升级, 定级. Each changes the record, and each word is also
 * everyday speech (「受理了吗」「到场了没」「办结了」): in a group they act only on a `#编号`, a reply
 * quoting the case, a button or an address — never on talk.
 */

export const incidentTakeCommand = defineCommand({
  id: 'incident-take',
  names: ['受理', '/take'],
  summary: 'cmd.incidentTake.summary',
  example: 'cmd.incidentTake.example',
  allowedRoles: INCIDENT_STAFF,
  trigger: TRIGGER.reference,
  args: refTextArgs,
  record: theCase,
  parse: parseRefText,
  async handle(context, { id }) {
    await answerWith(context, (desk) => (id === null ? waitingCases(desk, officeScope(context.sender)) : take(desk, id, actorOf(context.sender))));
  },
});

const transferArgs = z.object({ id: z.number().int().positive(), name: z.string().min(1) });

export const incidentTransferCommand = defineCommand({
  id: 'incident-transfer',
  names: ['转派', '改派', '/assign'],
  summary: 'cmd.incidentTransfer.summary',
  example: 'cmd.incidentTransfer.example',
  allowedRoles: INCIDENT_STAFF,
  trigger: TRIGGER.reference,
  args: transferArgs,
  record: theCase,
  parse(rest, context) {
    const ref = incidentRef(rest, context.quotedSubject);
    if (ref.id === null) return { ok: false, error: { key: 'incident.which' } };
    const name = ref.rest.replace(/^(给|到)\s*/, '').split(/\s+/)[0]?.replace(/^@/, '') ?? '';
    if (!name) return { ok: false, ask: { key: 'incident.transfer.askName', params: { id: ref.id } }, expects: { kind: 'pattern', source: '@?[\\u4e00-\\u9fa5·]{2,6}' }, partial: { id: ref.id } };
    return { ok: true, args: { id: ref.id, name } };
  },
  async handle(context, { id, name }) {
    await answerWith(context, (desk) => transfer(desk, id, actorOf(context.sender), name));
  },
});

export const incidentReturnCommand = defineCommand({
  id: 'incident-return',
  names: ['退回', '/giveback'],
  summary: 'cmd.incidentReturn.summary',
  example: 'cmd.incidentReturn.example',
  allowedRoles: INCIDENT_STAFF,
  trigger: TRIGGER.reference,
  args: refTextArgs,
  record: theCase,
  parse: (rest, context) => parseRefRequired(rest, context, (id) => ({ key: 'incident.return.reason', params: { id } })),
  async handle(context, { id, text }) {
    await answerWith(context, (desk) => giveBack(desk, id!, actorOf(context.sender), text));
  },
});

export const incidentOnSiteCommand = defineCommand({
  id: 'incident-on-site',
  names: ['到场', '已到场', '/onsite'],
  summary: 'cmd.incidentOnSite.summary',
  example: 'cmd.incidentOnSite.example',
  allowedRoles: INCIDENT_STAFF,
  trigger: TRIGGER.reference,
  args: refTextArgs,
  record: theCase,
  parse: parseRefText,
  async handle(context, { id }) {
    const { sender, tx, t } = context;
    // 到场 without a number: the case the sender holds and has not reached yet.
    const caseId = id ?? (await tx.incident.findFirst({ where: { holderId: sender.personId, onSiteAt: null, status: { in: ['taken'] } }, orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? null;
    if (caseId === null) return context.reply(t('incident.onsite.which'));
    await answerWith(context, (desk) => onSite(desk, caseId, actorOf(sender), context.message.location ?? null));
  },
});

export const incidentCloseCommand = defineCommand({
  id: 'incident-close',
  names: ['办结', '/close'],
  summary: 'cmd.incidentClose.summary',
  example: 'cmd.incidentClose.example',
  allowedRoles: INCIDENT_STAFF,
  trigger: TRIGGER.reference,
  args: refTextArgs,
  record: theCase,
  parse: (rest, context) => parseRefRequired(rest, context, (id) => ({ key: 'incident.close.ask', params: { id } })),
  async handle(context, { id, text }) {
    await answerWith(context, (desk) => close(desk, id!, actorOf(context.sender), text));
  },
});

export const incidentEscalateCommand = defineCommand({
  id: 'incident-escalate',
  names: ['升级', '/escalate'],
  summary: 'cmd.incidentEscalate.summary',
  example: 'cmd.incidentEscalate.example',
  allowedRoles: INCIDENT_STAFF,
  trigger: TRIGGER.reference,
  args: refTextArgs,
  record: theCase,
  parse(rest, context) {
    const parsed = parseRefText(rest, context);
    if (parsed.ok && parsed.args.id === null) return { ok: false, error: { key: 'incident.which' } };
    return parsed;
  },
  async handle(context, { id, text }) {
    await answerWith(context, (desk) => escalateToStreet(desk, id!, actorOf(context.sender), text));
  },
});

const levelArgs = z.object({ id: z.number().int().positive(), level: z.string().min(1) });

export const incidentLevelCommand = defineCommand({
  id: 'incident-level',
  names: ['定级', '/level'],
  summary: 'cmd.incidentLevel.summary',
  example: 'cmd.incidentLevel.example',
  allowedRoles: INCIDENT_LEADERS,
  trigger: TRIGGER.reference,
  args: levelArgs,
  record: theCase,
  parse(rest, context) {
    const ref = incidentRef(rest, context.quotedSubject);
    if (ref.id === null) return { ok: false, error: { key: 'incident.which' } };
    const level = ref.rest.replace(/^为/, '').replace(/事件$/, '').trim();
    if (!level) return { ok: false, error: { key: 'incident.level.ask', params: { id: ref.id, levels: context.policy.incident.levels.map((l) => l.name).join('、') } } };
    return { ok: true, args: { id: ref.id, level } };
  },
  async handle(context, { id, level }) {
    await answerWith(context, (desk) => setLevel(desk, id, actorOf(context.sender), level));
  },
});
