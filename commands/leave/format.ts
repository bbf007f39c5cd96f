import type { Policy } from '../../src/config/policy.ts';
import type { MessageKey, Translate } from '../../src/i18n/index.ts';
import { textOf } from '../../src/i18n/value-text.ts';
import { dayMinutes } from './rules/chain.ts';
import { inZone } from '../../src/time/office-time.ts';

/** How a leave reads in chat: its dates, its working time, its lines. */

export function formatSpan(start: Date, end: Date, zone: string): string {
  const s = inZone(start, zone);
  const e = inZone(end, zone);
  if (s.hasSame(e, 'day')) return `${s.toFormat('M月d日 HH:mm')}-${e.toFormat('HH:mm')}`;
  return `${s.toFormat('M月d日 HH:mm')} 至 ${e.toFormat('M月d日 HH:mm')}`;
}

export function formatWorkTime(t: Translate, minutes: number, policy: Policy): string {
  const perDay = dayMinutes(policy.sessions);
  if (minutes < perDay) return t('leave.hours', { hours: Math.round((minutes / 60) * 10) / 10 });
  return t('leave.days', { days: Math.round((minutes / perDay) * 10) / 10 });
}

export interface LeaveView {
  id: number;
  personName: string;
  type: string;
  startAt: Date;
  endAt: Date;
  workMinutes: number;
  reason: string;
  destination: string;
}

/** The body of a leave note: who, what, when, how long, why, where. */
export function leaveLines(t: Translate, policy: Policy, leave: LeaveView): string {
  return t('leave.body', {
    id: leave.id,
    name: leave.personName,
    type: leave.type,
    span: formatSpan(leave.startAt, leave.endAt, policy.timezone),
    work: formatWorkTime(t, leave.workMinutes, policy),
    reason: leave.reason,
    destination: leave.destination,
  });
}

/** A leave request's status as its row keeps it: a draft until confirmed, pending while its steps are decided, then final. */
export const LEAVE_STATUSES = ['draft', 'pending', 'approved', 'rejected', 'withdrawn'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

const STATUS_TEXT = {
  draft: 'leave.status.draft',
  pending: 'leave.status.pending',
  approved: 'leave.status.approved',
  rejected: 'leave.status.rejected',
  withdrawn: 'leave.status.withdrawn',
} as const satisfies Record<LeaveStatus, MessageKey>;

export function statusName(t: Translate, status: string): string {
  return textOf(t, STATUS_TEXT, status);
}
