import type { MessageKey } from '../../src/i18n/index.ts';
import type { SessionStatus, WhereaboutsStatus } from './rules/attendance.ts';

/** The text of each status a session is judged to have (rules/attendance.ts). */
export const SESSION_STATUS_TEXT = {
  normal: 'attendance.status.normal',
  late: 'attendance.status.late',
  early: 'attendance.status.early',
  off_post: 'attendance.status.off_post',
  absent: 'attendance.status.absent',
  out: 'attendance.status.out',
  leave: 'attendance.status.leave',
  excused: 'attendance.status.excused',
  pending: 'attendance.status.pending',
  rest: 'attendance.status.rest',
  holiday: 'attendance.status.holiday',
} as const satisfies Record<SessionStatus, MessageKey>;

/** The text of each whereabouts status on the board, and its command's help. */
export const WHEREABOUTS_TEXT = {
  at_post: 'whereabouts.at_post',
  meeting: 'whereabouts.meeting',
  out: 'whereabouts.out',
  visit: 'whereabouts.visit',
  rest: 'whereabouts.rest',
} as const satisfies Record<WhereaboutsStatus, MessageKey>;

export const WHEREABOUTS_COMMAND_TEXT = {
  at_post: { summary: 'cmd.whereabouts.at_post.summary', example: 'cmd.whereabouts.at_post.example' },
  meeting: { summary: 'cmd.whereabouts.meeting.summary', example: 'cmd.whereabouts.meeting.example' },
  out: { summary: 'cmd.whereabouts.out.summary', example: 'cmd.whereabouts.out.example' },
  visit: { summary: 'cmd.whereabouts.visit.summary', example: 'cmd.whereabouts.visit.example' },
  rest: { summary: 'cmd.whereabouts.rest.summary', example: 'cmd.whereabouts.rest.example' },
} as const satisfies Record<WhereaboutsStatus, { summary: MessageKey; example: MessageKey }>;
