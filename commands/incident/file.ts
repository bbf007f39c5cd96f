import { type ChatRecord, type Sender } from '../../src/core/identity.ts';
import { chatPurposeOf } from '../../src/core/chat-purpose.ts';
import type { Tx } from '../../src/db/client.ts';
import type { InboundMessage } from '../../src/messaging/types.ts';
import { classify, emergencyNumbers, mustCallFirst } from './rules/classify.ts';
import { escalatesAtOnce, escalationSteps } from './rules/escalation.ts';
import { isLikelyDuplicate, placeOf } from './rules/place.ts';
import { isConfidential } from './rules/privacy.ts';
import { addUpdate, loadIncident, post, tellPeople, type Desk, type LoadedIncident } from './desk.ts';
import { caseLines, clock, OPEN_STATUSES, withheld } from './format.ts';
import { audienceOf } from '../../src/core/privacy.ts';
import { holderLabel, holdersOfAll, noticeGroups } from './people.ts';
import { isIncidentStaff } from './roles.ts';
import { caseSubject, noticeSubject } from './subjects.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { textOf } from '../../src/i18n/value-text.ts';
import type { Button } from '../../src/messaging/types.ts';
import { buttonValue, writeReference } from '../../src/core/reference.ts';

/**
 * A first report: filed at once with what it has (never blocked on a missing field), announced to
 * the community's emergency group (else its work group) and privately to the person on duty and the
 * secretary — to everyone up the chain at once when the level says so — then answered with its
 * number, who was told, and the basic facts still wanted.
 */

export interface ReportInput {
  text: string;
  sender: Sender | null;
  message: InboundMessage;
  chat: ChatRecord;
  communityId: number;
  streetId: number | null;
}

export interface Filed {
  incident: LoadedIncident;
  reply: string;
  buttons?: Button[];
  subject: string;
}

/** Buttons on a notice to staff: take it, hand it on, and merge it into the case it repeats. */
export function noticeButtons(desk: Desk, id: number, duplicateOf: number | null): Button[] {
  const { t } = desk;
  return [
    { label: t('incident.button.take'), value: buttonValue('受理', writeReference(id)) },
    { label: t('incident.button.transfer'), value: buttonValue('转派', writeReference(id)) },
    ...(duplicateOf ? [{ label: t('incident.button.merge', { into: duplicateOf }), value: buttonValue('并案', writeReference(id), writeReference(duplicateOf)) }] : []),
  ];
}

/** An open case this report may repeat: same type, within the window, at the same place. */
async function findDuplicate(tx: Tx, desk: Desk, report: { communityId: number; type: string; text: string; location: { latitude: number; longitude: number } | null }): Promise<LoadedIncident | null> {
  const rule = desk.policy.incident.duplicates;
  const since = new Date(desk.now.getTime() - rule.windowMinutes * 60_000);
  const candidates = await tx.incident.findMany({
    where: { communityId: report.communityId, type: report.type, status: { in: [...OPEN_STATUSES, 'closed'] }, reportedAt: { gte: since, lte: desk.now } },
    orderBy: { reportedAt: 'asc' },
    include: { attachments: { select: { kind: true } } },
  });
  const later = { type: report.type, text: report.text, reportedAt: desk.now, location: report.location };
  return (
    candidates.find((c) =>
      isLikelyDuplicate({ type: c.type, text: c.text, reportedAt: c.reportedAt, location: c.latitude !== null && c.longitude !== null ? { latitude: c.latitude, longitude: c.longitude } : null }, later, rule),
    ) ?? null
  );
}

/** The emergency numbers the catalogs name; another one reads as it is. */
const NUMBER_TEXT = {
  '110': 'incident.number.110',
  '119': 'incident.number.119',
  '120': 'incident.number.120',
  '122': 'incident.number.122',
} as const satisfies Record<string, MessageKey>;

function numbersText(desk: Desk, numbers: string[]): string {
  return numbers.map((n) => textOf(desk.t, NUMBER_TEXT, n)).join(desk.t('list.separator'));
}

export async function fileReport(desk: Desk, input: ReportInput): Promise<Filed> {
  const { tx, policy, t, now } = desk;
  const rules = policy.incident;
  const { message, sender, chat } = input;
  const found = classify(rules, input.text);
  const location = message.location ? { latitude: message.location.latitude, longitude: message.location.longitude } : null;
  const person = sender ? await tx.person.findUnique({ where: { id: sender.personId }, select: { phone: true } }) : null;
  const audience = audienceOf({ kind: chat.kind, purpose: chatPurposeOf(chat.purpose) });
  const duplicate = await findDuplicate(tx, desk, { communityId: input.communityId, type: found.type, text: input.text, location });
  const atOnce = escalatesAtOnce(rules, found.level);
  const steps = escalationSteps(rules);

  const created = await tx.incident.create({
    data: {
      communityId: input.communityId,
      streetId: input.streetId,
      className: found.className,
      type: found.type,
      level: found.level,
      casualties: found.casualties,
      text: input.text,
      place: placeOf(input.text) ?? message.location?.name ?? message.location?.address ?? null,
      latitude: location?.latitude ?? null,
      longitude: location?.longitude ?? null,
      locationName: message.location?.name ?? message.location?.address ?? null,
      status: 'reported',
      reporterPersonId: sender?.personId ?? null,
      reporterName: sender?.name ?? message.senderName ?? message.senderId,
      reporterPhone: person?.phone ?? null,
      reporterStaff: isIncidentStaff(sender?.roles),
      platform: message.platform,
      platformChatId: message.chatId,
      platformUserId: message.senderId,
      reportMessageId: message.messageId,
      reportChatKind: message.chatKind,
      reportAudience: audience,
      confidential: isConfidential(rules, found.type, input.text),
      reportedAt: now,
      escalationStep: atOnce ? steps.at(-1)!.index : 0,
    },
  });
  for (const attachment of message.attachments ?? []) {
    await tx.incidentAttachment.create({
      data: { incidentId: created.id, kind: attachment.kind, ref: attachment.ref, name: attachment.name ?? null, mime: attachment.mime ?? null, size: attachment.size ?? null, platform: message.platform, at: now },
    });
  }
  await addUpdate(desk, created.id, 'reported', { text: input.text, personId: sender?.personId ?? null, name: created.reporterName, latitude: location?.latitude, longitude: location?.longitude });
  const incident = (await loadIncident(tx, created.id))!;

  // Staff are told at once: the groups, the first holders and the secretary (everyone up the chain for a serious level).
  const targets = atOnce ? rules.escalation.chain : [rules.escalation.chain[0]!, ...rules.escalation.alsoTell];
  const scope = { communityId: input.communityId, streetId: input.streetId };
  const holders = await holdersOfAll(tx, policy, t, targets, scope, now, sender ? [sender.personId] : []);
  const groups = await noticeGroups(tx, input.communityId);
  const inNoticeGroup = groups.some((g) => g.platform === message.platform && g.chatId === message.chatId);
  const buttons = noticeButtons(desk, incident.id, duplicate?.id ?? null);
  const header = atOnce ? t('incident.notice.atOnce', { id: incident.id, level: incident.level }) : t('incident.notice.new', { id: incident.id });
  const duplicateLine = duplicate ? [t('incident.line.duplicate', { other: duplicate.id, time: clock(policy, duplicate.reportedAt) })] : [];
  const notice = [header, ...caseLines(t, policy, incident, 'staff'), ...duplicateLine, t('incident.notice.hint', { id: incident.id })].join('\n');
  const elsewhere = groups.filter((g) => !(g.platform === message.platform && g.chatId === message.chatId));
  post(desk, elsewhere, notice, { buttons, subject: noticeSubject(incident.id) });
  const reached = await tellPeople(desk, holders, notice, { buttons, subject: noticeSubject(incident.id) });
  const told = [...groups.map((g) => g.title ?? g.chatId), ...reached.map(holderLabel)];
  if (atOnce) await addUpdate(desk, incident.id, 'escalated', { text: reached.map(holderLabel).join('、') });

  const lines = [
    told.length > 0
      ? t('incident.filed', { id: incident.id, type: incident.type, level: incident.level, time: clock(policy, now), told: told.join(t('list.separator')) })
      : t('incident.filed.nobody', { id: incident.id, type: incident.type, level: incident.level, time: clock(policy, now) }),
  ];
  if (mustCallFirst(rules, { level: incident.level, casualties: incident.casualties, rule: found.rule })) lines.push(t('incident.callFirst', { numbers: numbersText(desk, emergencyNumbers(found)) }));
  if (duplicate) lines.push(t('incident.duplicateHint', { other: duplicate.id, time: clock(policy, duplicate.reportedAt) }));
  const facts = [
    ...(incident.place || location ? [] : ['incident.fact.place' as const]),
    'incident.fact.people' as const,
    ...(incident.casualties ? [] : ['incident.fact.injuries' as const]),
    'incident.fact.measures' as const,
    'incident.fact.help' as const,
  ];
  lines.push(t('incident.ask.facts', { id: incident.id, facts: facts.map((key) => t(key)).join(t('list.separator')) }));
  if (withheld(audience, incident)) lines.push(t('incident.withheld.filed'));
  if (inNoticeGroup) {
    // Reported in the group that is told: this answer is the group's notice, with its buttons.
    lines.push(t('incident.notice.hint', { id: incident.id }));
    return { incident, reply: lines.join('\n'), buttons, subject: noticeSubject(incident.id) };
  }
  return { incident, reply: lines.join('\n'), subject: caseSubject(incident.id) };
}
