import { z } from 'zod';
import { asWritten } from '../../src/core/as-written.ts';
import type { Policy } from '../../src/config/policy.ts';
import type { ArgsResult, ParseContext } from '../../src/core/command.ts';
import { readSpan, UPCOMING } from '../../src/time/grammar.ts';
import { namedRecord, subjectId } from '../../src/core/reference.ts';
import { LEAVE_SUBJECT } from './records.ts';

/** A leave note in one line: dates, type, reason, destination, in any order; what is missing is asked for. */

export const noteArgs = z.object({
  /** The note as written: the handler reads the dates again with the office calendar (3天 = working days). */
  text: z.string(),
  type: z.string(),
  start: z.date(),
  end: z.date(),
  reason: asWritten(z.string().min(1)),
  destination: asWritten(z.string().min(1)),
});
export type NoteArgs = z.infer<typeof noteArgs>;

const TYPE_ALIASES: Record<string, string> = { 年假: '年休假', 公休假: '年休假', 休假: '年休假', 私事: '事假', 生病: '病假' };

/** The policy's leave type named in a word (事假, 年假 → 年休假), if any. */
export function leaveType(word: string, policy: Policy): string | null {
  const types = policy.leave.types;
  if (types.includes(word)) return word;
  const alias = TYPE_ALIASES[word];
  return alias && types.includes(alias) ? alias : null;
}

/** 去区医院体检 / 回老家 name a place: the reason is also the destination (去向). */
const PLACE_WORD = /^(去|回|到|在|赴|往)/;

export function parseNote(rest: string, context: Pick<ParseContext, 'now' | 'policy'>, options: { requireDestination?: boolean } = {}): ArgsResult<NoteArgs> {
  const { policy, now } = context;
  const when = readSpan(rest, { now, zone: policy.timezone, rollover: UPCOMING, sessions: policy.sessions });
  if (!when.ok && when.reason === 'invalid') return { ok: false, error: { key: 'leave.ask.badDate' } };
  if (!when.ok && when.reason === 'order') return { ok: false, error: { key: 'leave.ask.order' } };

  let type: string | null = null;
  let destination: string | null = null;
  const words: string[] = [];
  for (const word of when.rest.split(/[\s,，、;；]+/).filter(Boolean)) {
    const explicit = /^去向[:：]?(.+)$/.exec(word);
    if (explicit) destination = explicit[1]!;
    else if (!type && leaveType(word, policy)) type = leaveType(word, policy);
    else words.push(word);
  }
  const understood = {
    ...(when.ok ? { start: when.start, end: when.end } : {}),
    ...(type ? { type } : {}),
    ...(destination ? { destination } : {}),
  };
  if (!when.ok) return { ok: false, ask: { key: 'leave.ask.when' }, expects: { kind: 'date' }, partial: understood };
  if (!type) {
    const options = [...policy.leave.types, ...Object.keys(TYPE_ALIASES).filter((alias) => leaveType(alias, policy))];
    return { ok: false, ask: { key: 'leave.ask.type', params: { types: policy.leave.types.join('、') } }, expects: { kind: 'choice', options }, partial: understood };
  }
  if (words.length === 0) return { ok: false, ask: { key: 'leave.ask.reason' }, partial: understood };
  let reason = words.join(' ');
  if (!destination && words.length >= 2) {
    destination = words.at(-1)!;
    reason = words.slice(0, -1).join(' ');
  }
  destination ??= PLACE_WORD.test(reason) ? reason : options.requireDestination === false ? '—' : null;
  if (!destination) return { ok: false, ask: { key: 'leave.ask.destination' }, partial: { ...understood, reason } };
  if (type === policy.leave.outing.type) {
    const minutes = (when.end.getTime() - when.start.getTime()) / 60_000;
    if (minutes > policy.leave.outing.maxHours * 60) return { ok: false, error: { key: 'leave.outingTooLong', params: { type, hours: policy.leave.outing.maxHours } } };
  }
  return { ok: true, args: { text: rest, type, start: when.start, end: when.end, reason, destination } };
}

/** `#12` (or `12`, when no note is quoted) at the start; else the leave the quoted bot message was about. */
export function leaveRef(rest: string, quotedId: number | null): { id: number | null; rest: string } {
  const { id, rest: after } = namedRecord(rest, { bare: quotedId === null, then: 'anything' }, quotedId);
  return { id, rest: after };
}

/** Arguments of the commands that act on one of the sender's notes: `#编号`, the quoted note, or none (the latest). */
export const refArgs = z.object({ id: z.number().int().nullable() });

export function parseRefArgs(rest: string, context: Pick<ParseContext, 'quotedSubject'>): ArgsResult<z.infer<typeof refArgs>> {
  return { ok: true, args: { id: leaveRef(rest, subjectId(context.quotedSubject, LEAVE_SUBJECT)).id } };
}
