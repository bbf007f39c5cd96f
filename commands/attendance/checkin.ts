import { z } from 'zod';
import { insertCheckIn } from './checkin-row.ts';
import { loadDay } from '../../src/calendar/calendar-store.ts';
import { isWorkday } from '../../src/calendar/office-calendar.ts';
import type { Policy, SessionRule } from '../../src/config/policy.ts';
import { defineCommand, TRIGGER, type CommandContext, type CommunitySender } from '../../src/core/command.ts';
import { renderText, type Text } from '../../src/i18n/text.ts';
import { type Sender } from '../../src/core/identity.ts';
import { OFFICE_STAFF } from '../../src/core/roles.ts';
import { dutyCheckIn, dutySeatsAround, dutySessionsFor, type DutySeatRow } from '../duty/api.ts';
import { decideCheckIn, decideCheckOut } from './rules/checkin.ts';
import { checkGeofence } from './rules/geofence.ts';
import { dueSessions, hoursFor } from './rules/schedules.ts';
import { formatClock, officeDate } from '../../src/time/office-time.ts';

/** 签到 / 签退: recorded against the sender's own person only (不得代签), once per session. */

const checkArgs = z.object({
  at: z.date(),
  officeDate: z.string(),
  session: z.string(),
  sessionName: z.string(),
  status: z.enum(['on_time', 'late', 'normal', 'early']),
  /** Minutes late (check-in) or early (check-out). */
  minutesOff: z.number().int().min(0),
  sessionEnd: z.string(),
});
type CheckArgs = z.infer<typeof checkArgs>;

function proxyRefusal(rest: string): Text | null {
  const other = rest.replace(/^@/, '').trim();
  return other ? { key: 'checkin.noProxy', params: { other } } : null;
}

/**
 * With staggered schedules, a time outside the office hours may be inside someone's own hours; the
 * parser cannot know whose, so it leaves the session open ('') for the handler to decide.
 */
function deferred(policy: Policy, now: Date, own: readonly SessionRule[] | null) {
  if (own || policy.attendance.schedules.length === 0) return null;
  const args = { at: now, officeDate: officeDate(now, policy.timezone), session: '', sessionName: '', status: 'on_time', minutesOff: 0, sessionEnd: '' };
  return { ok: true as const, args: checkArgs.parse(args) };
}

/** A check-in or check-out decided for `session`: minutes late, or early. */
function sessionArgs(policy: Policy, now: Date, session: SessionRule, status: CheckArgs['status'], minutesOff: number) {
  const args = { at: now, officeDate: officeDate(now, policy.timezone), session: session.id, sessionName: session.name, status, minutesOff, sessionEnd: session.end };
  return { ok: true as const, args: checkArgs.parse(args) };
}

/** `own`: the sender's own sessions, once the handler knows them; null in the parser. */
function parseCheckIn(rest: string, policy: Policy, now: Date, own: readonly SessionRule[] | null = null) {
  const refusal = proxyRefusal(rest);
  if (refusal) return { ok: false as const, error: refusal };
  const decision = decideCheckIn(policy, own ?? policy.sessions, now);
  if (!decision.open) {
    const open = deferred(policy, now, own);
    if (open) return open;
    const error: Text = decision.next
      ? { key: 'checkin.closed', params: { next: `${decision.next.session.name} ${decision.next.opensAt} 起` } }
      : { key: 'checkin.closedNone' };
    return { ok: false as const, error };
  }
  return sessionArgs(policy, now, decision.session, decision.status, decision.minutesLate);
}

function parseCheckOut(rest: string, policy: Policy, now: Date, own: readonly SessionRule[] | null = null) {
  const refusal = proxyRefusal(rest);
  if (refusal) return { ok: false as const, error: refusal };
  const decision = decideCheckOut(policy, own ?? policy.sessions, now);
  if (!decision.open) return deferred(policy, now, own) ?? { ok: false as const, error: { key: 'checkout.closed' } satisfies Text };
  return sessionArgs(policy, now, decision.session, decision.status, decision.minutesEarly);
}

/** Where a check-in belongs: the work group or a private chat (or a group not yet declared), by a member of a community. */
const CHECK_IN_GUARDS = { member: 'community', where: { notIn: ['resident', 'emergency'] } } as const;

/**
 * The parser decided on the office hours; a person with staggered hours (错时) or on duty is
 * decided again on their own sessions. Null when their own sessions are closed (already answered).
 */
async function ownHours(context: CommandContext<Sender>, args: CheckArgs, kind: 'in' | 'out', seats: readonly DutySeatRow[]): Promise<CheckArgs | null> {
  const { policy, t, reply, sender } = context;
  const hours = hoursFor(policy, { name: sender.name, grid: sender.grid });
  // The duty roster says whether a duty shift of the sender's covers today's sessions: due early for those.
  const onDuty = kind === 'in' && hours.leadMinutes > 0 ? dutySessionsFor(policy, seats, args.officeDate, hours.sessions) : [];
  if (hours.schedule === null && onDuty.length === 0 && args.session !== '') return args;
  const sessions = kind === 'in' ? dueSessions(hours, onDuty) : hours.sessions;
  const parsed = kind === 'in' ? parseCheckIn('', policy, args.at, sessions) : parseCheckOut('', policy, args.at, sessions);
  if (parsed.ok) return parsed.args;
  reply(renderText(t, parsed.error));
  return null;
}

/** Where the platform delivered a location: checked against the geofence, recorded either way. */
function locationFields(context: CommandContext) {
  const { message, policy } = context;
  if (!message.location) return { fields: {}, outside: null };
  const fields = { latitude: message.location.latitude, longitude: message.location.longitude };
  const fence = policy.attendance.geofence;
  if (!fence) return { fields, outside: null };
  const check = checkGeofence(fence, message.location);
  return { fields: { ...fields, distanceMeters: check.meters, outsideGeofence: !check.inside }, outside: check.inside ? null : check.meters };
}

async function record(context: CommandContext<CommunitySender>, parsedArgs: CheckArgs, kind: 'in' | 'out'): Promise<void> {
  const { tx, t, reply, policy, message, sender } = context;
  const { communityId } = sender;
  // No check-in is expected on a holiday or a rest day: answered kindly, nothing recorded.
  const day = await loadDay(tx, parsedArgs.officeDate);
  // A check-in reads the sender's duty seats once: they decide the due time and the duty arrival.
  const seats = kind === 'in' ? await dutySeatsAround(tx, policy, sender, parsedArgs.officeDate, context.now) : [];
  if (!isWorkday(day)) {
    // On duty that day, the check-in is the duty's.
    const duty = kind === 'in' ? await dutyCheckIn(context, seats) : null;
    reply(duty ?? (day.kind === 'holiday' ? t('checkin.holiday', { name: day.name ?? '' }) : t('checkin.restDay')));
    return;
  }
  const args = await ownHours(context, parsedArgs, kind, seats);
  if (!args) return;
  const key = { personId: sender.personId, officeDate: args.officeDate, session: args.session, kind };
  const already = (at: Date) =>
    reply(t(kind === 'in' ? 'checkin.already' : 'checkout.already', { session: args.sessionName, time: formatClock(at, policy.timezone) }));
  const location = locationFields(context);
  // The unique key decides: a second check-in of the session (or two devices at one instant) keeps the first row.
  const created = await insertCheckIn(tx, { ...key, communityId, at: args.at, status: args.status, platform: message.platform, ...location.fields });
  if (!created) {
    const existing = await tx.checkIn.findUnique({ where: { personId_officeDate_session_kind: key } });
    return already(existing?.at ?? args.at);
  }
  const time = formatClock(args.at, policy.timezone);
  const flag = location.outside === null ? '' : t('checkin.outsideGeofence', { meters: location.outside });
  if (kind === 'in') {
    const status = args.status === 'late' ? t('checkin.late', { minutes: args.minutesOff }) : t('checkin.onTime');
    const duty = await dutyCheckIn(context, seats);
    reply(`${t('checkin.done', { time, session: args.sessionName, status })}${flag}${duty ? `\n${duty}` : ''}`);
    return;
  }
  const checkedIn = await tx.checkIn.findUnique({ where: { personId_officeDate_session_kind: { ...key, kind: 'in' } } });
  const status = args.status === 'early' ? t('checkout.early', { minutes: args.minutesOff, end: args.sessionEnd }) : t('checkout.normal');
  const note = checkedIn ? '' : t('checkout.noCheckIn', { session: args.sessionName });
  reply(`${t('checkout.done', { time, session: args.sessionName, status })}${note}${flag}`);
}

export const checkInCommand = defineCommand({
  id: 'checkin',
  names: ['签到', '上班签到', '上班打卡', '打卡', 'checkin', '/checkin'],
  summary: 'cmd.checkin.summary',
  example: 'cmd.checkin.example',
  allowedRoles: OFFICE_STAFF,
  ...CHECK_IN_GUARDS,
  trigger: TRIGGER.bare,
  args: checkArgs,
  parse: (rest, { policy, now }) => parseCheckIn(rest, policy, now),
  handle: (context, args) => record(context, args, 'in'),
});

export const checkOutCommand = defineCommand({
  id: 'checkout',
  names: ['签退', '下班签退', '下班打卡', 'checkout', '/checkout'],
  summary: 'cmd.checkout.summary',
  example: 'cmd.checkout.example',
  allowedRoles: OFFICE_STAFF,
  ...CHECK_IN_GUARDS,
  trigger: TRIGGER.bare,
  args: checkArgs,
  parse: (rest, { policy, now }) => parseCheckOut(rest, policy, now),
  handle: (context, args) => record(context, args, 'out'),
});
