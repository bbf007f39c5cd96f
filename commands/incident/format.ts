import type { Policy } from '../../src/config/policy.ts';
import type { Incident } from '../../src/generated/prisma/client.ts';
import type { MessageKey, Translate } from '../../src/i18n/index.ts';
import { textOf } from '../../src/i18n/value-text.ts';
import { HIDDEN, householdNumbers, maskName, maskPrivate, type Audience } from '../../src/core/privacy.ts';
import { formatClock, formatDateTime, inZone } from '../../src/time/office-time.ts';

/**
 * How a case reads in chat. `staff` is for private chats and the work and emergency groups (names,
 * ID numbers, phones and households as given); `public` for any other group (a residents' group),
 * where a resident's ID number, phone and household are hidden and a resident reporter's name is
 * masked, and a confidential case (a dispute, a petition, a reporter asking not to be named) shows
 * its type and status only (the reporter sees their own case in their private chat in full).
 */

export const STATUSES = ['reported', 'taken', 'handling', 'closed', 'visiting', 'archived', 'merged'] as const;
export type IncidentStatus = (typeof STATUSES)[number];
export const OPEN_STATUSES: readonly IncidentStatus[] = ['reported', 'taken', 'handling'];

const STATUS_TEXT = {
  reported: 'incident.status.reported',
  taken: 'incident.status.taken',
  handling: 'incident.status.handling',
  closed: 'incident.status.closed',
  visiting: 'incident.status.visiting',
  archived: 'incident.status.archived',
  merged: 'incident.status.merged',
} as const satisfies Record<IncidentStatus, MessageKey>;

export function statusName(t: Translate, status: string): string {
  return textOf(t, STATUS_TEXT, status);
}

export function ratingName(t: Translate, rating: string | null): string {
  return rating === 'satisfied' || rating === 'unsatisfied' ? t(`incident.rating.${rating}`) : '';
}

/** Whether the audience reads nothing of the case's words: a confidential case in a residents' group. */
export function withheld(audience: Audience, incident: Pick<Incident, 'confidential'>): boolean {
  return audience === 'public' && incident.confidential;
}

/**
 * What may be shown of a text of the case (its report, a follow-up, the outcome) to the audience: the
 * case's own room numbers are hidden wherever they recur; nothing of a confidential case's words.
 */
export function shown(text: string, audience: Audience, incident?: Pick<Incident, 'text' | 'confidential'>): string {
  if (audience === 'staff') return text;
  if (incident?.confidential) return HIDDEN;
  return maskPrivate(text, incident ? householdNumbers(incident.text) : []);
}

export function reporterText(t: Translate, incident: Pick<Incident, 'reporterName' | 'reporterPhone' | 'reporterStaff' | 'reporterPersonId'>, audience: Audience): string {
  if (audience === 'public') return incident.reporterStaff ? incident.reporterName : maskName(incident.reporterName);
  const who = incident.reporterStaff ? t('incident.reporter.staff') : incident.reporterPersonId ? t('incident.reporter.resident') : t('incident.reporter.unbound');
  const phone = incident.reporterPhone ? t('incident.reporter.phone', { phone: incident.reporterPhone }) : '';
  return `${incident.reporterName}（${who}${phone}）`;
}

export function typeText(incident: Pick<Incident, 'type' | 'className' | 'level'>): string {
  return `${incident.type}${incident.className ? `（${incident.className}）` : ''}·${incident.level}`;
}

/** The case as a block of lines. */
export function caseLines(t: Translate, policy: Policy, incident: Incident & { attachments?: { kind: string }[] }, audience: Audience): string[] {
  const zone = policy.timezone;
  if (withheld(audience, incident)) return [t('incident.line.type', { type: typeText(incident) }), t('incident.line.withheld')];
  const lines = [
    t('incident.line.type', { type: typeText(incident) }),
    t('incident.line.text', { text: shown(incident.text, audience, incident) }),
  ];
  if (incident.place) lines.push(t('incident.line.place', { place: shown(incident.place, audience, incident) }));
  if (incident.latitude !== null && incident.longitude !== null && audience === 'staff') {
    lines.push(t('incident.line.location', { name: incident.locationName ?? '', lat: incident.latitude.toFixed(5), lng: incident.longitude.toFixed(5) }));
  }
  if (incident.casualties) lines.push(t('incident.line.casualties'));
  lines.push(t('incident.line.reported', { time: formatDateTime(incident.reportedAt, zone), reporter: reporterText(t, incident, audience) }));
  const attachments = incident.attachments ?? [];
  if (attachments.length > 0) lines.push(t('incident.line.attachments', { count: attachments.length }));
  return lines;
}

export function clock(policy: Policy, at: Date): string {
  return formatClock(at, policy.timezone);
}

/** 「12月3日 14:05」: a time that may be on another day. */
export function dayClock(policy: Policy, at: Date): string {
  return inZone(at, policy.timezone).toFormat('M月d日 HH:mm');
}
