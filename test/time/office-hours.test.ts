import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../../src/calendar/official.ts';
import { defaultPolicy } from '../../commands/index.ts';
import { OfficeCalendar } from '../../src/calendar/office-calendar.ts';
import { isOfficeTime } from '../../src/time/office-hours.ts';

const policy = defaultPolicy();
const calendar = new OfficeCalendar(officialCalendar(), []);
const open = (at: string) => isOfficeTime(policy, (d) => calendar.isWorkday(d), new Date(`${at}+08:00`));

describe('office time for leave reminders', () => {
  it.each([
    ['2026-11-23T06:59:00', false],
    ['2026-11-23T07:00:00', true],
    ['2026-11-23T17:30:59', true],
    ['2026-11-23T17:31:00', false],
    // 00:30 in Shanghai is the previous day in UTC: the office date decides.
    ['2026-11-24T00:30:00', false],
    ['2026-11-21T10:00:00', false],
    ['2026-10-02T10:00:00', false],
    ['2026-10-10T10:00:00', true],
  ])('%s: %s', (at, expected) => {
    expect(open(at)).toBe(expected);
  });
});
