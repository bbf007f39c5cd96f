import type { Policy } from '../../src/config/policy.ts';
import { type Text } from '../../src/i18n/text.ts';
import type { Tx } from '../../src/db/client.ts';
import { loadCalendar } from '../../src/calendar/calendar-store.ts';
import type { Platform } from '../../src/messaging/types.ts';
import { readSpan, UPCOMING } from '../../src/time/grammar.ts';
import { dayMinutes, workingMinutes } from './rules/chain.ts';
import { annualBalance } from './balance.ts';
import type { NoteArgs } from './parse-note.ts';

export interface FilingPerson {
  id: number;
  name: string;
  communityId: number | null;
  communityName: string | null;
  streetId: number | null;
}

/**
 * Writes a leave note as a draft (to confirm) after the office rules: the dates read again on the
 * office calendar, working time counted, annual leave used before personal leave.
 */
export async function createDraft(
  tx: Tx,
  policy: Policy,
  input: { person: FilingPerson; note: NoteArgs; now: Date; platform: Platform; chatId: string; filedById?: number },
): Promise<{ ok: true; id: number } | { ok: false; text: Text }> {
  const { person, note, now } = input;
  const calendar = await loadCalendar(tx);
  const isWorkday = (date: string) => calendar.isWorkday(date);
  const when = readSpan(note.text, { now, zone: policy.timezone, rollover: UPCOMING, sessions: policy.sessions, isWorkday });
  const start = when.ok ? when.start : note.start;
  const end = when.ok ? when.end : note.end;
  const minutes = workingMinutes(start, end, policy.sessions, isWorkday, policy.timezone);
  if (minutes === 0) return { ok: false, text: { key: 'leave.noWorkTime' } };

  const annual = policy.leave.annual;
  if (note.type === annual.type || annual.before.includes(note.type)) {
    const balance = await annualBalance(tx, policy, person, start);
    const days = minutes / dayMinutes(policy.sessions);
    if (annual.before.includes(note.type) && balance.remaining > 0) {
      return { ok: false, text: { key: 'leave.annualFirst', params: { type: note.type, remaining: balance.remaining, entitled: balance.entitled, annual: annual.type } } };
    }
    if (note.type === annual.type && days > balance.remaining + 1e-9) {
      return { ok: false, text: { key: 'leave.annualExceeded', params: { remaining: balance.remaining, entitled: balance.entitled } } };
    }
  }

  const overlapping = await tx.leaveRequest.findFirst({
    where: { personId: person.id, status: { in: ['pending', 'approved'] }, startAt: { lt: end }, endAt: { gt: start } },
    select: { id: true },
  });
  if (overlapping) return { ok: false, text: { key: 'leave.overlaps', params: { id: overlapping.id } } };

  const row = await tx.leaveRequest.create({
    data: {
      personId: person.id,
      communityId: person.communityId,
      streetId: person.streetId,
      type: note.type,
      startAt: start,
      endAt: end,
      workMinutes: minutes,
      reason: note.reason,
      destination: note.destination,
      status: 'draft',
      filedById: input.filedById ?? null,
      certificate: note.type === policy.leave.sick.type ? 'owed' : null,
      platform: input.platform,
      platformChatId: input.chatId,
      createdAt: now,
    },
  });
  return { ok: true, id: row.id };
}
