import { z } from 'zod';
import { startApproval } from '../../src/approval/workflow.ts';
import { defineCommand, type ArgsResult, type GroupTrigger, type CommandContext, type CommunitySender, type ParseContext } from '../../src/core/command.ts';
import { renderText, type Text } from '../../src/i18n/text.ts';
import { type Sender } from '../../src/core/identity.ts';
import { holdsAny, OFFICE_LEADERS, OFFICE_STAFF } from '../../src/core/roles.ts';
import { privateTargets } from '../../src/core/addressing.ts';
import { dayLabel, shiftLabel } from './format.ts';
import { ensureRoster } from './generate.ts';
import { dutySwapApproval } from './swap-approval.ts';
import { busyDuring, colleagueNamed, moveSeat, oneSeat, swapPlan, type Seat } from './swap-workflow.ts';
import { addDays, officeDate } from '../../src/time/office-time.ts';
import { DUTY_CHANGE_FORM, parseChangeWords } from './rules/words.ts';
import { dutySeatRecord } from './records.ts';
import { readReference, writeReference } from '../../src/core/reference.ts';

const changeArgs = z.object({
  date: z.string().nullable(),
  seatId: z.number().int().nullable(),
  shift: z.string().nullable(),
  colleague: z.string(),
  otherDate: z.string().nullable(),
});
type ChangeArgs = z.infer<typeof changeArgs>;

/** The colleague after a seat's number (代班 #12 刘洋): one word. */
const COLLEAGUE_WORD = /^@?\S{2,8}$/;

/** In a group unaddressed, a swap or cover runs only in its whole form (or 代班 #编号 姓名): 「换班的事找书记」「换班，明天再说」 are talk. */
const CHANGE_TRIGGER: GroupTrigger = { alone: false, args: ({ rest }) => DUTY_CHANGE_FORM.test(rest) || COLLEAGUE_WORD.test(readReference(rest)?.rest ?? '') };

function parseChange(rest: string, context: ParseContext, kind: 'swap' | 'cover'): ArgsResult<ChangeArgs> {
  const { policy, now } = context;
  const seatRef = kind === 'cover' ? readReference(rest, { then: 'anything' }) : null;
  if (seatRef) {
    const colleague = seatRef.rest.replace(/^@/, '').trim();
    if (!colleague) return { ok: false, ask: { key: 'duty.cover.askWho' }, partial: { seatId: seatRef.id } };
    return { ok: true, args: { date: null, seatId: seatRef.id, shift: null, colleague, otherDate: null } };
  }
  const shiftNames = policy.duty.shifts.flatMap((s) => [s.name, s.id]);
  const words = parseChangeWords(rest, officeDate(now, policy.timezone), shiftNames);
  if (!rest.trim()) return { ok: false, ask: { key: kind === 'swap' ? 'duty.swap.askDate' : 'duty.cover.askDate' }, expects: { kind: 'text' } };
  if (!words) return { ok: false, error: { key: kind === 'swap' ? 'duty.swap.badWords' : 'duty.cover.badWords', params: { words: rest } } };
  const partial = { date: words.date, shift: words.shift };
  if (!words.colleague) return { ok: false, ask: { key: kind === 'swap' ? 'duty.swap.askWho' : 'duty.cover.askWho' }, partial };
  return { ok: true, args: { date: words.date, seatId: null, shift: words.shift, colleague: words.colleague, otherDate: words.otherDate } };
}

function say(context: CommandContext<Sender>, text: Text): void {
  context.reply(renderText(context.t, text));
}

interface Party {
  personId: number;
  name: string;
}

/** Files the request and asks the colleague; the roster changes only once every step said yes. */
async function ask(context: CommandContext<Sender>, kind: 'swap' | 'cover', colleague: Party, seat: Seat, otherSeat: Seat | null): Promise<void> {
  const { tx, now, message, policy, sender } = context;
  const open = await tx.dutySwap.findFirst({ where: { status: 'pending', seatId: { in: [seat.id, ...(otherSeat ? [otherSeat.id] : [])] } } });
  if (open) return say(context, { key: 'duty.swap.alreadyAsked', params: { id: open.id } });
  const swap = await tx.dutySwap.create({
    data: { communityId: seat.communityId, kind, requesterId: sender.personId, colleagueId: colleague.personId, seatId: seat.id, otherSeatId: otherSeat?.id ?? null, status: 'pending', platform: message.platform, platformChatId: message.chatId, createdAt: now },
  });
  await startApproval(context, dutySwapApproval, swap.id, swapPlan(policy.duty.swaps.approval, colleague.personId));
  say(context, { key: kind === 'swap' ? 'duty.swap.asked' : 'duty.cover.asked', params: { id: swap.id, name: colleague.name } });
}

async function prepare(context: CommandContext<CommunitySender>, args: ChangeArgs): Promise<{ communityId: number; colleague: Party } | null> {
  const { sender, tx, policy, now } = context;
  const found = await colleagueNamed(tx, sender.communityId, args.colleague);
  if (!found) {
    say(context, { key: 'duty.swap.noColleague', params: { name: args.colleague } });
    return null;
  }
  if (found.id === sender.personId) {
    say(context, { key: 'duty.swap.self' });
    return null;
  }
  for (const date of [args.date, args.otherDate]) if (date) await ensureRoster(tx, policy, sender.communityId, addDays(date, -1), date, now);
  return { communityId: sender.communityId, colleague: { personId: found.id, name: found.name } };
}

/** 换班 12月5日 [夜班] 和 李秀英 [12月8日]: the colleague takes one's shift (and, given a date, gives theirs). */
export const dutySwapCommand = defineCommand({
  id: 'duty-swap',
  names: ['换班', '调班', '/swap'],
  summary: 'cmd.dutySwap.summary',
  example: 'cmd.dutySwap.example',
  allowedRoles: OFFICE_STAFF,
  member: 'community',
  // A request a colleague must answer: unaddressed only when it starts with its date.
  trigger: CHANGE_TRIGGER,
  args: changeArgs,
  parse: (rest, context) => parseChange(rest, context, 'swap'),
  async handle(context, args) {
    const ready = await prepare(context, args);
    if (!ready) return;
    const { tx, now, sender } = context;
    const mine = await oneSeat(tx, sender, args.date!, args.shift, now, true);
    if (!mine.ok) return say(context, mine.text);
    if (mine.seat.startAt <= now) return say(context, { key: 'duty.swap.started' });
    let theirs: Seat | null = null;
    if (args.otherDate) {
      const other = await oneSeat(tx, ready.colleague, args.otherDate, null, now, false);
      if (!other.ok) return say(context, other.text);
      theirs = other.seat;
      if (await busyDuring(tx, sender.personId, theirs, [mine.seat.id])) return say(context, { key: 'duty.swap.busySelf' });
    }
    if (await busyDuring(tx, ready.colleague.personId, mine.seat, theirs ? [theirs.id] : [])) return say(context, { key: 'duty.swap.busy', params: { name: ready.colleague.name } });
    await ask(context, 'swap', ready.colleague, mine.seat, theirs);
  },
});

/**
 * 代班 12月5日 张伟: one-sided cover. On duty that day, the named colleague is asked to cover; not on
 * duty, one offers to cover the named colleague's shift and they are asked; the secretary or director
 * (or 代班 #编号 from the leave alert) assigns the cover at once.
 */
export const dutyCoverCommand = defineCommand({
  id: 'duty-cover',
  names: ['代班', '替班', '/cover'],
  summary: 'cmd.dutyCover.summary',
  example: 'cmd.dutyCover.example',
  allowedRoles: OFFICE_STAFF,
  member: 'community',
  // A request a colleague must answer (or a leader's assignment): unaddressed only when it starts with its date or #编号.
  trigger: CHANGE_TRIGGER,
  args: changeArgs,
  // 代班 #编号: a seat of the sender's community.
  record: { kinds: [dutySeatRecord], id: (args) => args.seatId, access: 'office' },
  parse: (rest, context) => parseChange(rest, context, 'cover'),
  async handle(context, args) {
    const ready = await prepare(context, args);
    if (!ready) return;
    const { tx, now, sender, t, policy } = context;
    const leader = holdsAny(sender.roles, OFFICE_LEADERS);
    let seat: Seat | null = null;
    if (args.seatId !== null) {
      seat = await tx.dutySeat.findUniqueOrThrow({ where: { id: args.seatId } });
      if (seat.endAt <= now) return say(context, { key: 'duty.cover.noSeat', params: { id: args.seatId } });
    }
    if (leader && (seat || !(await oneSeat(tx, sender, args.date!, args.shift, now, true)).ok)) {
      // The secretary or director assigns: the seat given, or the one of that day and shift.
      if (!seat) {
        const seats = await tx.dutySeat.findMany({ where: { communityId: ready.communityId, date: args.date!, role: 'duty', endAt: { gt: now }, ...(args.shift ? { OR: [{ shiftName: args.shift }, { shiftKey: args.shift }] } : {}) } });
        if (seats.length !== 1) return say(context, { key: seats.length === 0 ? 'duty.cover.noneThatDay' : 'duty.cover.whichSeat', params: { date: dayLabel(t, args.date!), seats: seats.map((s) => writeReference(s.id)).join('、') } });
        seat = seats[0]!;
      }
      if (seat.personId === ready.colleague.personId) return say(context, { key: 'duty.cover.already', params: { name: ready.colleague.name } });
      if (await busyDuring(tx, ready.colleague.personId, seat)) return say(context, { key: 'duty.swap.busy', params: { name: ready.colleague.name } });
      const from = seat.personId;
      const moved = from !== null && (await moveSeat(tx, seat, from, ready.colleague.personId, 'assign', sender.personId, now));
      if (!moved) return say(context, { key: 'duty.cover.changed' });
      const previous = await tx.person.findUnique({ where: { id: from! }, select: { id: true, name: true } });
      const line = t('duty.swap.line', { date: dayLabel(t, seat.date), shift: shiftLabel(t, policy, seat), from: previous?.name ?? '', to: ready.colleague.name });
      for (const personId of [ready.colleague.personId, from!]) {
        for (const target of await privateTargets(tx, personId)) context.send(target, t('duty.cover.assignedNotice', { name: sender.name, line }));
      }
      return say(context, { key: 'duty.cover.assigned', params: { line } });
    }
    if (seat) {
      // 代班 #编号 by someone who is not a leader: it must be their own seat or the named colleague's.
      if (seat.personId !== sender.personId && seat.personId !== ready.colleague.personId) return say(context, { key: 'duty.cover.notTheirs', params: { id: seat.id } });
    } else {
      const mine = await oneSeat(tx, sender, args.date!, args.shift, now, true);
      const theirs = mine.ok ? null : await oneSeat(tx, ready.colleague, args.date!, args.shift, now, false);
      if (!mine.ok && !theirs?.ok) return say(context, theirs && !theirs.ok ? theirs.text : mine.text);
      seat = mine.ok ? mine.seat : theirs!.ok ? theirs!.seat : null;
    }
    const taker = seat!.personId === sender.personId ? ready.colleague.personId : sender.personId;
    if (await busyDuring(tx, taker, seat!)) return say(context, taker === sender.personId ? { key: 'duty.swap.busySelf' } : { key: 'duty.swap.busy', params: { name: ready.colleague.name } });
    await ask(context, 'cover', ready.colleague, seat!, null);
  },
});
