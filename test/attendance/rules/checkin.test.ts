import { describe, expect, it } from 'vitest';
import { defaultPolicy, parsePolicy } from '../../../commands/index.ts';
import { decideCheckIn, decideCheckOut } from '../../../commands/attendance/rules/checkin.ts';

const policy = defaultPolicy();
const at = (local: string) => new Date(`${local}+08:00`);

describe('check-in rule (office time, machine clock in UTC)', () => {
  it.each([
    ['2026-11-23T06:59:59', 'closed', 0],
    ['2026-11-23T07:00:00', 'on_time', 0],
    ['2026-11-23T07:59:59', 'on_time', 0],
    ['2026-11-23T08:00:00', 'on_time', 0],
    ['2026-11-23T08:00:01', 'late', 1],
    ['2026-11-23T08:01:00', 'late', 1],
    ['2026-11-23T08:01:01', 'late', 2],
    ['2026-11-23T11:29:59', 'late', 210],
    ['2026-11-23T11:30:00', 'closed', 0],
    ['2026-11-23T12:00:00', 'on_time', 0],
    ['2026-11-23T13:00:00', 'on_time', 0],
    ['2026-11-23T13:00:01', 'late', 1],
    ['2026-11-23T16:30:00', 'closed', 0],
  ])('at %s the check-in is %s (%i min late)', (local, expected, minutes) => {
    const decision = decideCheckIn(policy, policy.sessions, at(local));
    if (expected === 'closed') {
      expect(decision.open).toBe(false);
      return;
    }
    expect(decision).toMatchObject({ open: true, status: expected, minutesLate: minutes });
  });

  it('puts a check-in in the session it belongs to, and names the next window when closed', () => {
    expect(decideCheckIn(policy, policy.sessions, at('2026-11-23T12:30:00'))).toMatchObject({ open: true, session: { id: 'pm' } });
    expect(decideCheckIn(policy, policy.sessions, at('2026-11-23T11:45:00'))).toEqual({
      open: false,
      next: { session: policy.sessions[1], opensAt: '12:00' },
    });
    expect(decideCheckIn(policy, policy.sessions, at('2026-11-23T18:00:00'))).toEqual({ open: false, next: null });
  });

  it('counts grace minutes as on time, to the second', () => {
    const lenient = parsePolicy({ checkIn: { graceMinutes: 5 } });
    expect(decideCheckIn(lenient, lenient.sessions, at('2026-11-23T08:05:00'))).toMatchObject({ status: 'on_time' });
    expect(decideCheckIn(lenient, lenient.sessions, at('2026-11-23T08:05:01'))).toMatchObject({ status: 'late', minutesLate: 6 });
  });

  it('reads the office day, not the UTC day: 07:59 in Shanghai is the previous day in UTC', () => {
    const instant = at('2026-12-01T07:59:00');
    expect(instant.toISOString()).toBe('2026-11-30T23:59:00.000Z');
    expect(decideCheckIn(policy, policy.sessions, instant)).toMatchObject({ open: true, session: { id: 'am' }, status: 'on_time' });
  });

  it('follows the time zone in the policy', () => {
    const urumqi = parsePolicy({ timezone: 'Asia/Urumqi' });
    expect(decideCheckIn(urumqi, urumqi.sessions, new Date('2026-11-23T08:00:00+06:00'))).toMatchObject({ status: 'on_time' });
    expect(decideCheckIn(urumqi, urumqi.sessions, new Date('2026-11-23T08:00:00+08:00')).open).toBe(false);
  });
});

describe('check-out rule', () => {
  it.each([
    ['2026-11-23T07:59:59', 'closed', 0],
    ['2026-11-23T11:29:00', 'early', 1],
    ['2026-11-23T11:29:59', 'early', 1],
    ['2026-11-23T11:30:00', 'normal', 0],
    ['2026-11-23T12:29:59', 'normal', 0],
    ['2026-11-23T16:00:00', 'early', 30],
    ['2026-11-23T16:30:00', 'normal', 0],
    ['2026-11-23T17:30:00', 'closed', 0],
  ])('at %s the check-out is %s (%i min early)', (local, expected, minutes) => {
    const decision = decideCheckOut(policy, policy.sessions, at(local));
    if (expected === 'closed') {
      expect(decision.open).toBe(false);
      return;
    }
    expect(decision).toMatchObject({ open: true, status: expected, minutesEarly: minutes });
  });
});
