import type { Policy } from '../../src/config/policy.ts';
import type { Tx } from '../../src/db/client.ts';
import { column, sheet, type Ledger } from '../../src/ledger/ledger.ts';
import { formatDateTime } from '../../src/time/office-time.ts';
import { textOf } from '../../src/i18n/value-text.ts';
import { OVERRIDE_TEXT, spanText, weekdayLabel } from './format.ts';
import { loadRoster, type RosterDay, type RosterSeat } from './roster.ts';

/** The month's duty roster (值班表) of one community or all: who was planned, who was on duty, every change, check-in and handover. */

export interface ShownCommunity {
  community: string;
  days: RosterDay[];
}

/** The roster of these dates, community by community. */
export async function loadShown(tx: Tx, policy: Policy, community: { id: number; name: string } | null, from: string, to: string, now: Date): Promise<ShownCommunity[]> {
  const communities = community ? [community] : await tx.community.findMany({ orderBy: { id: 'asc' }, select: { id: true, name: true } });
  const shown: ShownCommunity[] = [];
  for (const c of communities) shown.push({ community: c.name, days: await loadRoster(tx, policy, c.id, from, to, now) });
  return shown;
}

function seatJson(policy: Policy, days: RosterDay[]) {
  const time = (d: Date | null) => (d ? formatDateTime(d, policy.timezone) : null);
  return days.map((day) => ({
    date: day.date,
    holiday: day.holiday,
    leader: day.leader?.name ?? null,
    shifts: day.seats.map((s) => ({
      shift: s.shiftName,
      start: time(s.startAt),
      end: time(s.endAt),
      seat: s.seat + 1,
      planned: (s.planned ?? s.person)?.name ?? null,
      onDuty: s.person?.name ?? null,
      source: s.source,
      overrides: s.overrides.map((o) => ({ ...o, at: time(o.at) })),
      checkedInAt: time(s.checkedInAt),
      handoverAt: time(s.handoverAt),
      handoverNote: s.handoverNote,
    })),
  }));
}

/** A row of the sheet: a seat of a day, or (seat null) the day's leader on call. */
interface RosterRow {
  community: string;
  day: RosterDay;
  seat: RosterSeat | null;
}


/** `shequ report roster` and `shequ roster show --format xlsx|json`. */
export const rosterLedger: Ledger<ShownCommunity[]> = {
  name: 'roster',
  description: '值班表：每天每班的计划值班、实际值班、调整记录、到岗和交班 (the duty roster: planned, on duty, changes, check-ins, handovers)',
  title: 'duty.ledger.title',
  period: 'month',
  load: (tx, { policy, period, community, now }) => loadShown(tx, policy, community, period.from, period.to, now),
  json: (shown, { policy, period }) => ({ month: period.value, timezone: policy.timezone, communities: shown.map((c) => ({ community: c.community, days: seatJson(policy, c.days) })) }),
  sheets: [
    sheet<ShownCommunity[], RosterRow>({
      name: 'duty.sheet.roster',
      *rows(shown) {
        for (const { community, days } of shown) {
          for (const day of days) {
            for (const seat of day.seats) yield { community, day, seat };
            if (day.leader) yield { community, day, seat: null };
          }
        }
      },
      columns: [
        column('duty.col.community', 12, 'text', (r) => r.community),
        column('duty.col.date', 11, 'date', (r) => r.day.date),
        column('duty.col.weekday', 6, 'text', (r, { t }) => weekdayLabel(t, r.day.date)),
        column('duty.col.holiday', 8, 'text', (r) => r.day.holiday),
        column('duty.col.shift', 10, 'text', (r, { t }) => r.seat?.shiftName ?? t('duty.col.leader')),
        column('duty.col.time', 18, 'text', (r, { t, policy }) => r.seat && spanText(t, policy, r.seat.startAt, r.seat.endAt)),
        column('duty.col.seat', 6, 'number', (r) => r.seat && r.seat.seat + 1),
        column('duty.col.planned', 10, 'text', (r) => (r.seat ? (r.seat.planned ?? r.seat.person)?.name : r.day.leader?.name)),
        column('duty.col.onDuty', 10, 'text', (r, { t }) => (r.seat ? (r.seat.person?.name ?? t('duty.vacant')) : r.day.leader?.name)),
        column('duty.col.changes', 36, 'text', (r, { t, policy }) =>
          r.seat?.overrides.map((o) => t('duty.col.change', { kind: textOf(t, OVERRIDE_TEXT, o.kind), from: o.from ?? '—', to: o.to ?? '—', at: formatDateTime(o.at, policy.timezone) })).join('；'),
        ),
        column('duty.col.checkedInAt', 17, 'datetime', (r) => r.seat?.checkedInAt),
        column('duty.col.handoverAt', 17, 'datetime', (r) => r.seat?.handoverAt),
        column('duty.col.handoverNote', 24, 'text', (r) => r.seat?.handoverNote),
      ],
    }),
  ],
};
