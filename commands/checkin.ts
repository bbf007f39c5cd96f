import { z } from 'zod';
import type { Policy } from '../src/config/policy.ts';
import { defineCommand, type CommandContext, type Text } from '../src/core/command.ts';
import { OFFICE_STAFF } from '../src/core/roles.ts';
import { isUniqueViolation } from '../src/db/client.ts';
import { decideCheckIn, decideCheckOut } from '../src/rules/checkin.ts';
import { formatClock, officeDate } from '../src/time/office-time.ts';

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

function parseCheckIn(rest: string, policy: Policy, now: Date) {
  const refusal = proxyRefusal(rest);
  if (refusal) return { ok: false as const, error: refusal };
  const decision = decideCheckIn(policy, policy.sessions, now);
  if (!decision.open) {
    const error: Text = decision.next
      ? { key: 'checkin.closed', params: { next: `${decision.next.session.name} ${decision.next.opensAt} 起` } }
      : { key: 'checkin.closedNone' };
    return { ok: false as const, error };
  }
  return {
    ok: true as const,
    args: checkArgs.parse({
      at: now,
      officeDate: officeDate(now, policy.timezone),
      session: decision.session.id,
      sessionName: decision.session.name,
      status: decision.status,
      minutesOff: decision.minutesLate,
      sessionEnd: decision.session.end,
    }),
  };
}

function parseCheckOut(rest: string, policy: Policy, now: Date) {
  const refusal = proxyRefusal(rest);
  if (refusal) return { ok: false as const, error: refusal };
  const decision = decideCheckOut(policy, policy.sessions, now);
  if (!decision.open) return { ok: false as const, error: { key: 'checkout.closed' } satisfies Text };
  return {
    ok: true as const,
    args: checkArgs.parse({
      at: now,
      officeDate: officeDate(now, policy.timezone),
      session: decision.session.id,
      sessionName: decision.session.name,
      status: decision.status,
      minutesOff: decision.minutesEarly,
      sessionEnd: decision.session.end,
    }),
  };
}

/** Refuses where a check-in does not belong; returns the sender and community when it does. */
function checkPlace(context: CommandContext) {
  const { sender, chat, t, reply } = context;
  if (!sender) throw new Error('check-in reached without a bound sender');
  if (sender.communityId === null) {
    reply(t('checkin.noCommunity'));
    return null;
  }
  if (chat.kind === 'group' && chat.purpose && chat.purpose !== 'work') {
    reply(t('checkin.wrongChat', { purpose: t(`chat.purpose.${chat.purpose}` as never) }));
    return null;
  }
  return { sender, communityId: sender.communityId };
}

async function record(context: CommandContext, args: CheckArgs, kind: 'in' | 'out'): Promise<void> {
  const { tx, t, reply, policy, message } = context;
  const place = checkPlace(context);
  if (!place) return;
  const { sender, communityId } = place;
  const key = { personId: sender.personId, officeDate: args.officeDate, session: args.session, kind };
  const already = (at: Date) =>
    reply(t(kind === 'in' ? 'checkin.already' : 'checkout.already', { session: args.sessionName, time: formatClock(at, policy.timezone) }));
  const existing = await tx.checkIn.findUnique({ where: { personId_officeDate_session_kind: key } });
  if (existing) return already(existing.at);
  try {
    await tx.checkIn.create({ data: { ...key, communityId, at: args.at, status: args.status, platform: message.platform } });
  } catch (error) {
    // Two devices of one person at the same instant: the unique key keeps one row.
    if (isUniqueViolation(error)) return already(args.at);
    throw error;
  }
  const time = formatClock(args.at, policy.timezone);
  if (kind === 'in') {
    const status = args.status === 'late' ? t('checkin.late', { minutes: args.minutesOff }) : t('checkin.onTime');
    reply(t('checkin.done', { time, session: args.sessionName, status }));
    return;
  }
  const checkedIn = await tx.checkIn.findUnique({ where: { personId_officeDate_session_kind: { ...key, kind: 'in' } } });
  const status = args.status === 'early' ? t('checkout.early', { minutes: args.minutesOff, end: args.sessionEnd }) : t('checkout.normal');
  const note = checkedIn ? '' : t('checkout.noCheckIn', { session: args.sessionName });
  reply(`${t('checkout.done', { time, session: args.sessionName, status })}${note}`);
}

export const checkInCommand = defineCommand({
  id: 'checkin',
  names: ['签到', '上班签到', '打卡', 'checkin', '/checkin'],
  summary: 'cmd.checkin.summary',
  example: 'cmd.checkin.example',
  allowedRoles: OFFICE_STAFF,
  args: checkArgs,
  parse: (rest, { policy, now }) => parseCheckIn(rest, policy, now),
  handle: (context, args) => record(context, args, 'in'),
});

export const checkOutCommand = defineCommand({
  id: 'checkout',
  names: ['签退', '下班签退', 'checkout', '/checkout'],
  summary: 'cmd.checkout.summary',
  example: 'cmd.checkout.example',
  allowedRoles: OFFICE_STAFF,
  args: checkArgs,
  parse: (rest, { policy, now }) => parseCheckOut(rest, policy, now),
  handle: (context, args) => record(context, args, 'out'),
});
