import { closePosts } from '../../src/approval/workflow.ts';
import { OFFICE_STAFF, type Role } from '../../src/core/roles.ts';
import { isOneOf } from '../../src/i18n/value-text.ts';
import { distanceMeters } from '../../src/core/geo.ts';
import { escalatesAtOnce, escalationSteps, minutesBetween } from './rules/escalation.ts';
import { typeRule } from './rules/classify.ts';
import { asksAnonymity } from './rules/privacy.ts';
import { savePending } from '../../src/core/conversation.ts';
import type { Target } from '../../src/core/addressing.ts';
import type { Platform, SharedLocation } from '../../src/messaging/types.ts';
import { addUpdate, loadIncident, post, reporterTarget, tellPeople, type Desk, type LoadedIncident } from './desk.ts';
import { caseLines, clock, dayClock, OPEN_STATUSES, shown, statusName, withheld } from './format.ts';
import { type Audience } from '../../src/core/privacy.ts';
import { holderLabel, holdersOfAll, noticeGroups, type Holder } from './people.ts';
import { noticeButtons } from './file.ts';
import { isIncidentLeader } from './roles.ts';
import { caseSubject, noticeSubject, visitSubject } from './subjects.ts';
import { buttonValue, writeReference } from '../../src/core/reference.ts';

/**
 * The life of a case after its report. Every change is a compare-and-set on the case (updateMany
 * where the status is what the caller saw → count 1), so two people at once, a double press or a
 * redelivered event cannot apply twice. Effects are outbox entries committed with the change.
 */

export interface Actor {
  personId: number;
  name: string;
  roles: readonly Role[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function scopeOf(incident: LoadedIncident) {
  return { communityId: incident.communityId, streetId: incident.streetId };
}

function audienceOfReport(incident: Pick<LoadedIncident, 'reportAudience'>): Audience {
  return incident.reportAudience === 'public' ? 'public' : 'staff';
}

/** The chat the reporter reported from; in a residents' group a confidential case's reporter is not @-named. */
function reporterChat(incident: LoadedIncident): Target {
  const target = reporterTarget(incident);
  if (!withheld(audienceOfReport(incident), incident)) return target;
  return { platform: target.platform, chatId: target.chatId };
}

/** Tells the reporter in the chat they reported from, as that chat may read it. */
function tellReporter(desk: Desk, incident: LoadedIncident, text: string, subject = caseSubject(incident.id)): void {
  post(desk, [reporterChat(incident)], text, { subject });
}

/** The outcome as the reporter's chat may read it: nothing of a confidential case in a residents' group. */
function outcomeForReporter(desk: Desk, incident: LoadedIncident, outcome: string): string {
  const audience = audienceOfReport(incident);
  return withheld(audience, incident) ? desk.t('incident.withheld.outcome') : shown(outcome, audience, incident);
}

/** The groups that were told, and the case's holder privately. */
async function tellStaff(desk: Desk, incident: LoadedIncident, text: string, options: { holder?: boolean; exclude?: number } = {}): Promise<void> {
  const groups = (await noticeGroups(desk.tx, incident.communityId)).filter((g) => !(desk.here && g.platform === desk.here.platform && g.chatId === desk.here.chatId));
  post(desk, groups, text, { subject: caseSubject(incident.id) });
  if (options.holder !== false && incident.holderId !== null && incident.holderId !== options.exclude) {
    await tellPeople(desk, [{ personId: incident.holderId, name: incident.holderName ?? '', label: '' }], text, { subject: caseSubject(incident.id) });
  }
}

/** Refusal text when the case is no longer open, or null. */
function notOpen(desk: Desk, incident: LoadedIncident): string | null {
  if (incident.status === 'merged') return desk.t('incident.merged.already', { id: incident.id, into: incident.mergedIntoId ?? '' });
  if (!isOneOf(OPEN_STATUSES, incident.status)) return desk.t('incident.notOpen', { id: incident.id, status: statusName(desk.t, incident.status) });
  return null;
}

export async function take(desk: Desk, id: number, actor: Actor): Promise<string> {
  const { tx, t, now, policy } = desk;
  const incident = await loadIncident(tx, id);
  if (!incident) return t('incident.notFound', { id });
  const closed = notOpen(desk, incident);
  if (closed) return closed;
  const taken = await tx.incident.updateMany({
    where: { id, status: 'reported' },
    data: { status: 'taken', takenAt: now, takenById: actor.personId, takenByName: actor.name, holderId: actor.personId, holderName: actor.name },
  });
  if (taken.count !== 1) {
    const current = (await loadIncident(tx, id))!;
    return t('incident.take.already', { id, name: current.holderName ?? '', time: clock(policy, current.takenAt ?? now) });
  }
  await addUpdate(desk, id, 'taken', { personId: actor.personId, name: actor.name });
  await closePosts(desk, noticeSubject(id), t('incident.take.outcome', { name: actor.name, time: clock(policy, now) }));
  tellReporter(desk, incident, t('incident.take.reporter', { id, name: actor.name, time: clock(policy, now) }));
  return t('incident.take.done', { id, time: clock(policy, now), minutes: minutesBetween(incident.reportedAt, now) ?? 0 });
}

/** 受理 without a number: the open cases nobody has taken in the actor's office (their community, or their street's). */
export async function waitingCases(desk: Desk, office: { communityId?: number; streetId?: number } | null): Promise<string> {
  const waiting = office ? await desk.tx.incident.findMany({ where: { status: 'reported', ...office }, orderBy: { id: 'asc' }, select: { id: true } }) : [];
  if (waiting.length === 0) return desk.t('incident.take.none');
  return desk.t('incident.take.which', { ids: waiting.map((w) => writeReference(w.id)).join('、') });
}

function mayHandOn(incident: LoadedIncident, actor: Actor): boolean {
  return incident.holderId === null || incident.holderId === actor.personId || isIncidentLeader(actor.roles);
}

export async function transfer(desk: Desk, id: number, actor: Actor, name: string): Promise<string> {
  const { tx, t, now, policy } = desk;
  const incident = await loadIncident(tx, id);
  if (!incident) return t('incident.notFound', { id });
  const closed = notOpen(desk, incident);
  if (closed) return closed;
  if (!mayHandOn(incident, actor)) return t('incident.transfer.notAllowed', { id, name: incident.holderName ?? '' });
  const colleagues = await tx.person.findMany({ where: { name, communityId: incident.communityId ?? -1, roles: { some: { role: { in: [...OFFICE_STAFF] } } } }, select: { id: true, name: true } });
  if (colleagues.length !== 1) return t('incident.transfer.unknown', { name });
  const to = colleagues[0]!;
  if (to.id === incident.holderId) return t('incident.transfer.same', { id, name: to.name });
  // 派单: handing an untaken case to a named colleague takes it; the report's clock has already run.
  const moved = await tx.incident.updateMany({
    where: { id, status: incident.status, holderId: incident.holderId },
    data: { holderId: to.id, holderName: to.name, ...(incident.status === 'reported' ? { status: 'taken', takenAt: now, takenById: actor.personId, takenByName: actor.name } : {}) },
  });
  if (moved.count !== 1) return t('incident.changed', { id });
  await addUpdate(desk, id, 'transferred', { personId: actor.personId, name: actor.name, text: to.name });
  const time = clock(policy, now);
  if (incident.status === 'reported') await closePosts(desk, noticeSubject(id), t('incident.transfer.outcome', { from: actor.name, name: to.name, time }));
  const text = [t('incident.transfer.post', { id, from: actor.name, time }), ...caseLines(t, policy, incident, 'staff'), t('incident.assigned.hint', { id })].join('\n');
  const reached = await tellPeople(desk, [{ personId: to.id, name: to.name, label: '' }], text, {
    subject: caseSubject(id),
    buttons: [{ label: t('incident.button.onSite'), value: buttonValue('到场', writeReference(id)) }],
  });
  tellReporter(desk, incident, t('incident.transfer.reporter', { id, name: to.name }));
  return reached.length > 0 ? t('incident.transfer.done', { id, name: to.name }) : t('incident.transfer.unreachable', { id, name: to.name });
}

/** 退回: the holder gives the case back with a reason; it is announced again and its clock keeps running from the report. */
export async function giveBack(desk: Desk, id: number, actor: Actor, reason: string): Promise<string> {
  const { tx, t, now, policy } = desk;
  const incident = await loadIncident(tx, id);
  if (!incident) return t('incident.notFound', { id });
  const closed = notOpen(desk, incident);
  if (closed) return closed;
  if (incident.status === 'reported') return t('incident.return.notTaken', { id });
  if (incident.holderId !== actor.personId && !isIncidentLeader(actor.roles)) return t('incident.return.notHolder', { id, name: incident.holderName ?? '' });
  const back = await tx.incident.updateMany({
    where: { id, status: incident.status, holderId: incident.holderId },
    data: { status: 'reported', holderId: null, holderName: null, takenAt: null, takenById: null, takenByName: null },
  });
  if (back.count !== 1) return t('incident.changed', { id });
  await addUpdate(desk, id, 'returned', { personId: actor.personId, name: actor.name, text: reason });
  const fresh = (await loadIncident(tx, id))!;
  const rules = policy.incident;
  const holders = await holdersOfAll(tx, policy, t, [rules.escalation.chain[0]!, ...rules.escalation.alsoTell], scopeOf(fresh), now, [actor.personId]);
  const text = [t('incident.return.notice', { id, name: actor.name, reason, time: clock(policy, now) }), ...caseLines(t, policy, fresh, 'staff'), t('incident.notice.hint', { id })].join('\n');
  const buttons = noticeButtons(desk, id, null);
  post(desk, await noticeGroups(tx, fresh.communityId), text, { buttons, subject: noticeSubject(id) });
  await tellPeople(desk, holders, text, { buttons, subject: noticeSubject(id) });
  return t('incident.return.done', { id });
}

export async function onSite(desk: Desk, id: number, actor: Actor, location: SharedLocation | null): Promise<string> {
  const { tx, t, now, policy } = desk;
  const incident = await loadIncident(tx, id);
  if (!incident) return t('incident.notFound', { id });
  const closed = notOpen(desk, incident);
  if (closed) return closed;
  if (incident.onSiteAt) return t('incident.onsite.already', { id, time: clock(policy, incident.onSiteAt), name: incident.onSiteByName ?? '' });
  // Whoever arrives first: a case nobody took is taken by the one on site.
  const arrived = await tx.incident.updateMany({
    where: { id, onSiteAt: null, status: { in: ['reported', 'taken', 'handling'] } },
    data: {
      onSiteAt: now,
      onSiteById: actor.personId,
      onSiteByName: actor.name,
      status: 'handling',
      ...(incident.status === 'reported' ? { takenAt: now, takenById: actor.personId, takenByName: actor.name, holderId: actor.personId, holderName: actor.name } : {}),
    },
  });
  if (arrived.count !== 1) return t('incident.changed', { id });
  await addUpdate(desk, id, 'on_site', { personId: actor.personId, name: actor.name, latitude: location?.latitude, longitude: location?.longitude });
  if (incident.status === 'reported') await closePosts(desk, noticeSubject(id), t('incident.take.outcome', { name: actor.name, time: clock(policy, now) }));
  const minutes = minutesBetween(incident.reportedAt, now) ?? 0;
  const distance =
    location && incident.latitude !== null && incident.longitude !== null
      ? t('incident.onsite.distance', { meters: Math.round(distanceMeters(location, { latitude: incident.latitude, longitude: incident.longitude })) })
      : '';
  const fresh = (await loadIncident(tx, id))!;
  await tellStaff(desk, fresh, t('incident.onsite.notice', { id, name: actor.name, time: clock(policy, now), minutes, distance }), { exclude: actor.personId });
  tellReporter(desk, incident, t('incident.onsite.reporter', { id, name: actor.name, time: clock(policy, now) }));
  return t('incident.onsite.done', { id, time: clock(policy, now), minutes, distance });
}

/** When the reporter is asked 满意/不满意: the policy's hours after 办结, or a dispute type's days. */
function visitDueAt(desk: Desk, incident: LoadedIncident): Date {
  const days = typeRule(desk.policy.incident, incident.type)?.rule.visitAfterDays;
  return new Date(desk.now.getTime() + (days !== undefined ? days * DAY : desk.policy.incident.visit.afterHours * HOUR));
}

/** Asks the reporter, in the chat they reported from, and opens the answer 满意 / 不满意 for them alone. */
export async function askVisit(desk: Desk, incident: LoadedIncident): Promise<boolean> {
  const { tx, t, now, policy } = desk;
  const asked = await tx.incident.updateMany({ where: { id: incident.id, status: 'closed', visitAskedAt: null }, data: { status: 'visiting', visitAskedAt: now } });
  if (asked.count !== 1) return false;
  const id = incident.id;
  const text = t('incident.visit.question', { id, type: incident.type, time: dayClock(policy, incident.closedAt ?? now), outcome: outcomeForReporter(desk, incident, incident.outcome ?? '') });
  const satisfied = buttonValue('回访', writeReference(id), '满意');
  const unsatisfied = buttonValue('回访', writeReference(id), '不满意');
  post(desk, [reporterChat(incident)], text, {
    subject: visitSubject(id),
    buttons: [
      { label: t('incident.rating.satisfied'), value: satisfied },
      { label: t('incident.rating.unsatisfied'), value: unsatisfied },
    ],
  });
  // The reporter's bare 满意 / 不满意 in that chat answers it; anyone else's is talk.
  await savePending(
    tx,
    { platform: incident.platform as Platform, platformChatId: incident.platformChatId, platformUserId: incident.platformUserId },
    { command: 'incident-visit', rest: writeReference(id), expects: { kind: 'commands', answers: { 满意: satisfied, 不满意: unsatisfied, 非常满意: satisfied } } },
    new Date(now.getTime() + policy.incident.visit.answerDays * DAY),
  );
  await addUpdate(desk, id, 'visit_asked');
  return true;
}

export async function close(desk: Desk, id: number, actor: Actor, outcome: string, options: { mediated?: boolean } = {}): Promise<string> {
  const { tx, t, now, policy } = desk;
  const incident = await loadIncident(tx, id);
  if (!incident) return t('incident.notFound', { id });
  const closedAlready = notOpen(desk, incident);
  if (closedAlready) return closedAlready;
  if (!options.mediated) {
    if (incident.holderId !== null && incident.holderId !== actor.personId && !isIncidentLeader(actor.roles)) return t('incident.close.notAllowed', { id, name: incident.holderName ?? '' });
    if (incident.holderId === null && !isIncidentLeader(actor.roles)) return t('incident.close.notTaken', { id });
  }
  const due = visitDueAt(desk, incident);
  const done = await tx.incident.updateMany({
    where: { id, status: incident.status },
    data: { status: 'closed', closedAt: now, closedByName: actor.name, outcome, visitDueAt: due, visitAskedAt: null },
  });
  if (done.count !== 1) return t('incident.changed', { id });
  await addUpdate(desk, id, 'closed', { personId: actor.personId, name: actor.name, text: outcome });
  if (incident.status === 'reported') await closePosts(desk, noticeSubject(id), t('incident.close.outcome', { name: actor.name, time: clock(policy, now) }));
  const fresh = (await loadIncident(tx, id))!;
  await tellStaff(desk, fresh, t('incident.close.notice', { id, name: actor.name, time: clock(policy, now), outcome }), { exclude: actor.personId });
  for (const merged of await tx.incident.findMany({ where: { mergedIntoId: id }, include: { attachments: { select: { kind: true } } } })) {
    post(desk, [reporterChat(merged)], t('incident.close.mergedReporter', { id: merged.id, into: id, outcome: outcomeForReporter(desk, merged, outcome) }));
  }
  if (due <= now) {
    await askVisit(desk, fresh);
    return t('incident.close.done', { id, time: clock(policy, now), visit: t('incident.close.visitNow') });
  }
  tellReporter(desk, incident, t('incident.close.reporter', { id, outcome: outcomeForReporter(desk, incident, outcome) }));
  return t('incident.close.done', { id, time: clock(policy, now), visit: t('incident.close.visitLater', { time: dayClock(policy, due) }) });
}

export interface VisitAnswer {
  satisfied: boolean;
  comment: string;
}

/** 满意 archives the case; 不满意 reopens it for its holder. The reporter alone answers (the command's guard). */
export async function answerVisit(desk: Desk, id: number, who: { personId: number | null }, answer: VisitAnswer): Promise<string> {
  const { tx, t, now } = desk;
  const incident = await loadIncident(tx, id);
  if (!incident) return t('incident.notFound', { id });
  if (incident.status !== 'visiting' && incident.status !== 'closed') return t('incident.visit.notAsked', { id, status: statusName(t, incident.status) });
  if (answer.satisfied) {
    const archived = await tx.incident.updateMany({ where: { id, status: incident.status }, data: { status: 'archived', visitedAt: now, rating: 'satisfied', archivedAt: now } });
    if (archived.count !== 1) return t('incident.changed', { id });
    await addUpdate(desk, id, 'visited', { text: [t('incident.rating.satisfied'), answer.comment].filter(Boolean).join(' '), personId: who.personId, name: incident.reporterName });
    if (incident.holderId) await tellPeople(desk, [{ personId: incident.holderId, name: incident.holderName ?? '', label: '' }], t('incident.visit.satisfiedNotice', { id }), { subject: caseSubject(id) });
    return t('incident.visit.thanks', { id });
  }
  const reopened = await tx.incident.updateMany({
    where: { id, status: incident.status },
    data: { status: incident.onSiteAt ? 'handling' : 'taken', visitedAt: now, rating: 'unsatisfied', closedAt: null, closedByName: null, visitDueAt: null, visitAskedAt: null, reopenCount: { increment: 1 } },
  });
  if (reopened.count !== 1) return t('incident.changed', { id });
  await addUpdate(desk, id, 'reopened', { text: [t('incident.rating.unsatisfied'), answer.comment].filter(Boolean).join(' '), personId: who.personId, name: incident.reporterName });
  const fresh = (await loadIncident(tx, id))!;
  await tellStaff(desk, fresh, t('incident.visit.reopenNotice', { id, reason: answer.comment || t('incident.visit.noReason'), name: incident.holderName ?? '' }));
  return t('incident.visit.reopened', { id, name: incident.holderName ?? t('incident.visit.staff') });
}

/** 并案: `from` is a second report of `into`; linked both ways, `from` closed as merged, its reporter told. */
export async function merge(desk: Desk, fromId: number, intoId: number, actor: Actor): Promise<string> {
  const { tx, t, now, policy } = desk;
  if (fromId === intoId) return t('incident.merge.same');
  const [from, into] = await Promise.all([loadIncident(tx, fromId), loadIncident(tx, intoId)]);
  if (!from) return t('incident.notFound', { id: fromId });
  if (!into) return t('incident.notFound', { id: intoId });
  for (const c of [from, into]) {
    const closed = notOpen(desk, c);
    if (closed) return closed;
  }
  if (from.communityId !== into.communityId) return t('incident.merge.otherCommunity', { from: fromId, into: intoId });
  const merged = await tx.incident.updateMany({ where: { id: fromId, status: from.status, mergedIntoId: null }, data: { status: 'merged', mergedIntoId: intoId } });
  if (merged.count !== 1) return t('incident.changed', { id: fromId });
  // The report merged in becomes a follow-up of #into: its confidentiality goes with it.
  if (from.confidential) await tx.incident.updateMany({ where: { id: intoId }, data: { confidential: true } });
  await addUpdate(desk, fromId, 'merged', { personId: actor.personId, name: actor.name, text: writeReference(intoId) });
  await addUpdate(desk, intoId, 'followup', { personId: from.reporterPersonId, name: from.reporterName, text: t('incident.merge.followup', { from: fromId, time: clock(policy, from.reportedAt), text: from.text }) });
  await tx.incidentAttachment.updateMany({ where: { incidentId: fromId }, data: { incidentId: intoId } });
  await closePosts(desk, noticeSubject(fromId), t('incident.merge.outcome', { into: intoId, name: actor.name, time: clock(policy, now) }));
  tellReporter(desk, from, t('incident.merge.reporter', { from: fromId, into: intoId }), caseSubject(intoId));
  if (into.holderId && into.holderId !== actor.personId) {
    await tellPeople(desk, [{ personId: into.holderId, name: into.holderName ?? '', label: '' }], t('incident.merge.holder', { from: fromId, into: intoId, text: from.text }), { subject: caseSubject(intoId) });
  }
  return t('incident.merge.done', { from: fromId, into: intoId });
}

/** 升级: the case goes to the street's emergency desk, once. */
export async function escalateToStreet(desk: Desk, id: number, actor: Actor | null, reason: string): Promise<string> {
  const { tx, t, now, policy } = desk;
  const incident = await loadIncident(tx, id);
  if (!incident) return t('incident.notFound', { id });
  const closed = notOpen(desk, incident);
  if (closed) return closed;
  if (incident.streetEscalatedAt) return t('incident.street.already', { id, time: dayClock(policy, incident.streetEscalatedAt) });
  const street = await holdersOfAll(tx, policy, t, [policy.incident.escalation.street], scopeOf(incident), now);
  if (street.length === 0) return t('incident.street.none');
  const marked = await tx.incident.updateMany({ where: { id, streetEscalatedAt: null }, data: { streetEscalatedAt: now } });
  if (marked.count !== 1) return t('incident.changed', { id });
  await addUpdate(desk, id, 'street', { personId: actor?.personId ?? null, name: actor?.name ?? null, text: reason || null });
  const community = incident.communityId ? await tx.community.findUnique({ where: { id: incident.communityId }, select: { name: true } }) : null;
  const text = [
    t('incident.street.post', { id, community: community?.name ?? '', name: actor?.name ?? t('incident.label.system'), time: clock(policy, now), reason: reason ? t('incident.street.reason', { reason }) : '' }),
    ...caseLines(t, policy, incident, 'staff'),
    t('incident.holder', { name: incident.holderName ?? t('incident.holder.none') }),
  ].join('\n');
  const reached = await tellPeople(desk, street, text, { subject: caseSubject(id) });
  return t('incident.street.done', { id, names: reached.map(holderLabel).join('、') || street.map(holderLabel).join('、') });
}

/** 定级: a new level; one that tells everyone at once does so now for a case nobody has taken. */
export async function setLevel(desk: Desk, id: number, actor: Actor, level: string): Promise<string> {
  const { tx, t, now, policy } = desk;
  const rules = policy.incident;
  if (!rules.levels.some((l) => l.name === level)) return t('incident.level.unknown', { level, levels: rules.levels.map((l) => l.name).join('、') });
  const incident = await loadIncident(tx, id);
  if (!incident) return t('incident.notFound', { id });
  const closed = notOpen(desk, incident);
  if (closed) return closed;
  if (incident.level === level) return t('incident.level.same', { id, level });
  const last = escalationSteps(rules).at(-1)!.index;
  const atOnce = escalatesAtOnce(rules, level) && incident.status === 'reported' && incident.escalationStep < last;
  const changed = await tx.incident.updateMany({ where: { id, level: incident.level, escalationStep: incident.escalationStep }, data: { level, ...(atOnce ? { escalationStep: last } : {}) } });
  if (changed.count !== 1) return t('incident.changed', { id });
  await addUpdate(desk, id, 'level', { personId: actor.personId, name: actor.name, text: `${incident.level} → ${level}` });
  const fresh = (await loadIncident(tx, id))!;
  if (atOnce) {
    const everyone = await holdersOfAll(tx, policy, t, rules.escalation.chain, scopeOf(fresh), now, [actor.personId]);
    const text = [t('incident.notice.atOnce', { id, level }), ...caseLines(t, policy, fresh, 'staff'), t('incident.notice.hint', { id })].join('\n');
    await tellPeople(desk, everyone, text, { buttons: noticeButtons(desk, id, null), subject: noticeSubject(id) });
  }
  await tellStaff(desk, fresh, t('incident.level.notice', { id, level, name: actor.name }), { exclude: actor.personId });
  return t('incident.level.done', { id, level });
}

export interface Mediation {
  parties: string;
  mediator: string | null;
  agreement: string;
}

/** 调解: the mediation record of a dispute, which closes it; the return visit follows after the type's days. */
export async function recordMediation(desk: Desk, id: number, actor: Actor, mediation: Mediation): Promise<string> {
  const { tx, t, now, policy } = desk;
  const incident = await loadIncident(tx, id);
  if (!incident) return t('incident.notFound', { id });
  const rule = typeRule(policy.incident, incident.type)?.rule;
  if (!rule?.mediation) return t('incident.mediation.notDispute', { id, type: incident.type });
  const closed = notOpen(desk, incident);
  if (closed) return closed;
  const mediator = mediation.mediator ?? actor.name;
  const recorded = await tx.incident.updateMany({
    where: { id, status: incident.status, mediatedAt: null },
    data: {
      mediationParties: mediation.parties,
      mediator,
      mediationAgreement: mediation.agreement,
      mediatedAt: now,
      ...(incident.holderId === null ? { holderId: actor.personId, holderName: actor.name, takenAt: now, takenById: actor.personId, takenByName: actor.name } : {}),
    },
  });
  if (recorded.count !== 1) return t('incident.mediation.already', { id });
  await addUpdate(desk, id, 'mediation', { personId: actor.personId, name: actor.name, text: t('incident.mediation.record', { parties: mediation.parties, mediator, agreement: mediation.agreement }) });
  const answer = await close(desk, id, actor, t('incident.mediation.outcome', { agreement: mediation.agreement }), { mediated: true });
  return `${t('incident.mediation.done', { id, parties: mediation.parties, mediator, agreement: mediation.agreement })}\n${answer}`;
}

/** 续报 (by its reporter or its office: the command's guard): appended with its time, attachments kept; the holder (or the groups, while nobody holds it) are told. */
export async function addFollowUp(
  desk: Desk,
  id: number,
  who: { personId: number | null; name: string; platform: string; platformUserId: string },
  text: string,
  extra: { attachments: { kind: string; ref: string; name?: string; mime?: string; size?: number }[]; location: SharedLocation | null },
): Promise<string> {
  const { tx, t, now, policy } = desk;
  const incident = await loadIncident(tx, id);
  if (!incident) return t('incident.notFound', { id });
  const isReporter = (who.personId !== null && incident.reporterPersonId === who.personId) || (incident.platform === who.platform && incident.platformUserId === who.platformUserId);
  // A reporter who asks afterwards not to be named (「#5 续报 别说是我」) is not, from then on; a merged report asks it of its case.
  if (isReporter && asksAnonymity(text)) await tx.incident.updateMany({ where: { id: incident.mergedIntoId ?? id }, data: { confidential: true } });
  // A merged report's reporter goes on adding to the case it was merged into (of the same community).
  if (incident.status === 'merged' && incident.mergedIntoId) return addFollowUp(desk, incident.mergedIntoId, who, text, extra);
  if (incident.status === 'archived') return t('incident.notOpen', { id, status: statusName(t, incident.status) });
  const body = text || (extra.location ? t('incident.followup.location', { name: extra.location.name ?? extra.location.address ?? '' }) : t('incident.followup.attachment', { count: extra.attachments.length }));
  await addUpdate(desk, id, 'followup', { text: body, personId: who.personId, name: who.name, latitude: extra.location?.latitude, longitude: extra.location?.longitude });
  for (const a of extra.attachments) {
    await tx.incidentAttachment.create({ data: { incidentId: id, kind: a.kind, ref: a.ref, name: a.name ?? null, mime: a.mime ?? null, size: a.size ?? null, platform: who.platform, at: now } });
  }
  // The case's first shared place stays its place; a later one is kept with the follow-up.
  if (extra.location && incident.latitude === null) {
    await tx.incident.updateMany({ where: { id, latitude: null }, data: { latitude: extra.location.latitude, longitude: extra.location.longitude, locationName: extra.location.name ?? extra.location.address ?? null } });
  }
  const notice = t('incident.followup.notice', { id, time: clock(policy, now), name: who.name, text: body, count: extra.attachments.length });
  await tellStaff(desk, incident, notice, { exclude: who.personId ?? undefined });
  return t('incident.followup.done', { id, time: clock(policy, now) });
}

export type { Holder };
