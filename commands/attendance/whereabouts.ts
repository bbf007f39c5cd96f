import { z } from 'zod';
import { asWritten } from '../../src/core/as-written.ts';
import { officeStaff } from '../../src/core/people.ts';
import { defineCommand, TRIGGER, type ArgsResult, type Command, type CommandContext, type CommunitySender } from '../../src/core/command.ts';
import { OFFICE_STAFF } from '../../src/core/roles.ts';
import { textOf } from '../../src/i18n/value-text.ts';
import { WHEREABOUTS_STATUSES, type WhereaboutsStatus } from './rules/attendance.ts';
import { WHEREABOUTS_COMMAND_TEXT, WHEREABOUTS_TEXT } from './status-texts.ts';
import { decideCheckOut } from './rules/checkin.ts';
import { hoursFor } from './rules/schedules.ts';
import { parseWhereaboutsNote } from './rules/whereabouts.ts';
import { formatClock, officeDate } from '../../src/time/office-time.ts';

/**
 * The whereabouts board (社工去向指示牌): 在岗, 开会, 外出, 走访, 休息 with an optional note and
 * expected return (外出 去街道送材料 10:30回); 去向 shows the community's board. A status ends with the day.
 * The five words are everyday speech (「开会了」「休息一下」「外出的同事」) and a wrong 休息 costs a
 * 脱岗: in a group they need an address, or the form 「去向 外出 …」, which nobody says in passing.
 */

const STATUSES: { status: WhereaboutsStatus; names: string[] }[] = [
  { status: 'at_post', names: ['在岗', '/at_post'] },
  { status: 'meeting', names: ['开会', '/meeting'] },
  { status: 'out', names: ['外出', '/out'] },
  { status: 'visit', names: ['走访', '/visit'] },
  { status: 'rest', names: ['休息', '/rest'] },
];

const statusArgs = z.object({ note: asWritten(z.string()).nullable(), returnAt: z.string().nullable() });
type StatusArgs = z.infer<typeof statusArgs>;

function detail(t: CommandContext['t'], note: string | null, returnAt: string | null): string {
  const parts = [note, returnAt ? t('whereabouts.returnAt', { time: returnAt }) : null].filter(Boolean);
  return parts.length ? `（${parts.join('，')}）` : '';
}

async function setStatus({ tx, sender, t, reply, now, policy }: CommandContext<CommunitySender>, status: WhereaboutsStatus, args: StatusArgs): Promise<void> {
  await tx.whereabouts.create({
    data: { personId: sender.personId, communityId: sender.communityId, officeDate: officeDate(now, policy.timezone), status, ...args, setAt: now },
  });
  let text = t('whereabouts.done', { status: t(WHEREABOUTS_TEXT[status]), detail: detail(t, args.note, args.returnAt) });
  if (status === 'rest') {
    const { sessions } = hoursFor(policy, { name: sender.name, grid: sender.grid });
    const during = decideCheckOut(policy, sessions, now);
    if (during.open && during.status === 'early') text += t('whereabouts.restDuringHours');
  }
  reply(text);
}

function statusCommand(status: WhereaboutsStatus, names: string[]): Command {
  return defineCommand({
    id: `whereabouts-${status}`,
    names,
    summary: WHEREABOUTS_COMMAND_TEXT[status].summary,
    example: WHEREABOUTS_COMMAND_TEXT[status].example,
    allowedRoles: OFFICE_STAFF,
  member: 'community',
    trigger: TRIGGER.addressed,
    args: statusArgs,
    parse: (rest) => ({ ok: true, args: parseWhereaboutsNote(rest) }),
    handle: (context, args) => setStatus(context, status, args),
  });
}

export const whereaboutsCommands = STATUSES.map(({ status, names }) => statusCommand(status, names));

const boardArgs = statusArgs.extend({ status: z.enum(WHEREABOUTS_STATUSES).nullable() });

/** 「去向 外出 去街道 10:30回」 sets one's own status; 「去向」 alone shows the board. */
function parseBoard(rest: string): ArgsResult<z.infer<typeof boardArgs>> {
  const [word = '', ...words] = rest.split(/\s+/);
  const status = STATUSES.find((s) => s.names.includes(word))?.status ?? null;
  if (rest !== '' && status === null) return { ok: false, error: { key: 'whereabouts.usage' } };
  return { ok: true, args: { status, ...(status ? parseWhereaboutsNote(words.join(' ')) : { note: null, returnAt: null }) } };
}

export const whereaboutsBoardCommand = defineCommand({
  id: 'whereabouts-board',
  names: ['去向', '去向牌', '/whereabouts'],
  summary: 'cmd.whereabouts.board.summary',
  example: 'cmd.whereabouts.board.example',
  allowedRoles: OFFICE_STAFF,
  member: 'community',
  trigger: TRIGGER.bare,
  args: boardArgs,
  parse: parseBoard,
  async handle(context, { status, note, returnAt }) {
    if (status) return setStatus(context, status, { note, returnAt });
    const { tx, sender, t, reply, now, policy } = context;
    const today = officeDate(now, policy.timezone);
    const staff = await officeStaff(tx, sender.communityId);
    const where = { communityId: sender.communityId, officeDate: today };
    const [statuses, checkIns] = await Promise.all([
      tx.whereabouts.findMany({ where: { ...where, setAt: { lte: now } }, orderBy: { setAt: 'asc' } }),
      tx.checkIn.findMany({ where: { ...where, kind: 'in', at: { lte: now } }, orderBy: { at: 'asc' } }),
    ]);
    const latest = new Map(statuses.map((s) => [s.personId, s]));
    const firstIn = new Map<number, Date>();
    for (const c of checkIns) if (!firstIn.has(c.personId)) firstIn.set(c.personId, c.at);
    const lines = staff.map((person) => {
      const status = latest.get(person.id);
      if (status) {
        const label = textOf(t, WHEREABOUTS_TEXT, status.status);
        return t('whereabouts.line', { name: person.name, status: label, detail: detail(t, status.note, status.returnAt), time: formatClock(status.setAt, policy.timezone) });
      }
      const checkedIn = firstIn.get(person.id);
      return checkedIn
        ? t('whereabouts.lineCheckedIn', { name: person.name, time: formatClock(checkedIn, policy.timezone) })
        : t('whereabouts.lineUnknown', { name: person.name });
    });
    reply([t('whereabouts.board', { community: sender.communityName ?? '', time: formatClock(now, policy.timezone) }), ...lines].join('\n'));
  },
});
