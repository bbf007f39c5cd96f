import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../../../src/calendar/official.ts';
import { defaultPolicy, parsePolicy } from '../../../commands/index.ts';
import { OfficeCalendar } from '../../../src/calendar/office-calendar.ts';
import { approvalChain, dayMinutes, workingMinutes } from '../../../commands/leave/rules/chain.ts';

const policy = defaultPolicy();
const perDay = dayMinutes(policy.sessions);
const calendar = new OfficeCalendar(officialCalendar(), []);
const local = (text: string) => DateTime.fromISO(text, { zone: 'Asia/Shanghai' }).toJSDate();
const minutes = (from: string, to: string) => workingMinutes(local(from), local(to), policy.sessions, (d) => calendar.isWorkday(d), policy.timezone);

describe('working time of a leave', () => {
  it('counts session time on working days only', () => {
    expect(perDay).toBe(420);
    expect(minutes('2026-11-23T14:00', '2026-11-23T16:00')).toBe(120);
    expect(minutes('2026-11-23T11:00', '2026-11-23T14:00')).toBe(90);
    expect(minutes('2026-11-25T08:00', '2026-11-27T16:30')).toBe(3 * 420);
    // Friday to Monday: the weekend does not count.
    expect(minutes('2026-11-27T08:00', '2026-11-30T16:30')).toBe(2 * 420);
    // National Day week: holidays do not count, the 调休 Saturday 10-10 does.
    expect(minutes('2026-09-30T08:00', '2026-10-10T16:30')).toBe(4 * 420);
  });
});

describe('the approval chain (variant 1, default)', () => {
  it.each([
    [['staff'], 120, ['secretary']],
    [['staff'], 121, ['secretary', 'street_section']],
    [['staff'], 420, ['secretary', 'street_section']],
    [['staff'], 421, ['secretary', 'street_section', 'street_deputy_leader']],
    [['staff'], 840, ['secretary', 'street_section', 'street_deputy_leader']],
    [['staff'], 3 * 420, ['secretary', 'street_section', 'street_deputy_leader', 'street_chief']],
    [['secretary'], 60, ['street_chief']],
    [['secretary'], 3 * 420, ['street_chief']],
  ] as const)('%s for %i working minutes: %s', (roles, mins, expected) => {
    expect(approvalChain(policy.leave, roles, mins, perDay)).toEqual(expected);
  });
});

describe('variant 2, from the policy alone', () => {
  const variant2 = parsePolicy({
    leave: {
      chain: [
        { role: 'secretary', over: '0' },
        { role: 'street_deputy_leader', over: '3d' },
        { role: 'street_chief', over: '7d' },
      ],
    },
  }).leave;

  it.each([
    [60, ['secretary']],
    [3 * 420, ['secretary']],
    [4 * 420, ['secretary', 'street_deputy_leader']],
    [7 * 420, ['secretary', 'street_deputy_leader']],
    [8 * 420, ['secretary', 'street_deputy_leader', 'street_chief']],
  ] as const)('%i working minutes: %s', (mins, expected) => {
    expect(approvalChain(variant2, ['staff'], mins, perDay)).toEqual(expected);
  });

  it('names a bad threshold by its path', () => {
    expect(() => parsePolicy({ leave: { chain: [{ role: 'secretary', over: 'two days' }] } })).toThrow(/leave\.chain\.0\.over/);
  });
});
