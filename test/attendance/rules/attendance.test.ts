import { describe, expect, it } from 'vitest';
import { type Policy } from '../../../src/config/policy.ts';
import { parsePolicy } from '../../../commands/index.ts';
import { officialCalendar } from '../../../src/calendar/official.ts';
import { isFullAttendance, score, type ExceptionRecord, type LeaveInterval, type Punch, type WhereaboutsRecord } from '../../../commands/attendance/rules/attendance.ts';
import { buildAttendanceReport, type ReportPerson } from '../../../commands/attendance/rules/attendance-report.ts';
import { OfficeCalendar } from '../../../src/calendar/office-calendar.ts';

const at = (local: string) => new Date(`${local}+08:00`);
const calendar = new OfficeCalendar(officialCalendar(), []);
const ZHANG: ReportPerson = { id: 1, name: '张伟', grid: '第一网格', community: '幸福社区' };
const LIU: ReportPerson = { id: 2, name: '刘洋', grid: '第二网格', community: '幸福社区' };
const LATER = at('2026-12-15T00:00:00');

function policyWith(raw: Record<string, unknown> = {}): Policy {
  return parsePolicy(raw);
}

interface Day {
  punches?: [string, 'in' | 'out'][];
  leaves?: [string, string, string][];
  exceptions?: [string, string, string][];
  whereabouts?: [string, WhereaboutsRecord['status']][];
  person?: ReportPerson;
  policy?: Policy;
  now?: Date;
  /** The person's duty shifts from the roster, office-local start and end. */
  duty?: [string, string][];
}

/** Classifies one person's one day; times are office-local strings. */
function classifyDay(date: string, day: Day = {}) {
  const person = day.person ?? ZHANG;
  const punches: Punch[] = (day.punches ?? []).map(([time, kind]) => ({ personId: person.id, officeDate: date, kind, at: at(`${date}T${time}`) }));
  const leaves: LeaveInterval[] = (day.leaves ?? []).map(([from, to, type]) => ({ personId: person.id, from: at(from), to: at(to), type }));
  const exceptions: ExceptionRecord[] = (day.exceptions ?? []).map(([session, reason, recordedAt]) => ({
    personId: person.id,
    officeDate: date,
    session,
    reason,
    recordedBy: '陈静',
    recordedAt: at(recordedAt),
  }));
  const whereabouts: WhereaboutsRecord[] = (day.whereabouts ?? []).map(([time, status]) => ({ personId: person.id, officeDate: date, status, note: null, setAt: at(`${date}T${time}`) }));
  const report = buildAttendanceReport({
    policy: day.policy ?? policyWith(),
    days: [calendar.day(date)],
    people: [person],
    punches,
    leaves,
    exceptions,
    whereabouts,
    discretionary: new Map(),
    duty: new Map([[person.id, (day.duty ?? []).map(([start, end]) => ({ start: at(start), end: at(end) }))]]),
    now: day.now ?? LATER,
  });
  return report.people[0]!.days[0]!.sessions;
}

const status = (date: string, day: Day = {}) => classifyDay(date, day).map((s) => s.status);

describe('a session’s check-in (Monday 2026-11-23, office time on a UTC machine)', () => {
  it.each([
    ['07:00:00', 'normal', 0],
    ['07:59:59', 'normal', 0],
    ['08:00:00', 'normal', 0],
    ['08:00:01', 'late', 1],
    ['08:01:01', 'late', 2],
    ['11:29:59', 'late', 210],
  ])('checked in at %s: %s (%i min late)', (time, expected, minutes) => {
    const [am] = classifyDay('2026-11-23', { punches: [[time, 'in']] });
    expect(am).toMatchObject({ status: expected, minutesLate: minutes });
  });

  it('a check-in at 11:30:00 is outside the morning: the morning is absent', () => {
    expect(status('2026-11-23', { punches: [['11:30:00', 'in'], ['13:00:00', 'in']] })).toEqual(['absent', 'normal']);
  });

  it.each([
    ['08:05:00', 'normal'],
    ['08:05:01', 'late'],
  ])('with 5 minutes of grace, %s is %s', (time, expected) => {
    const policy = policyWith({ checkIn: { graceMinutes: 5 } });
    expect(status('2026-11-23', { policy, punches: [[time, 'in']] })[0]).toBe(expected);
  });

  it('no check-in is pending until the session ends, then absent', () => {
    expect(status('2026-11-23', { now: at('2026-11-23T11:29:59') })).toEqual(['pending', 'pending']);
    expect(status('2026-11-23', { now: at('2026-11-23T11:30:00') })).toEqual(['absent', 'pending']);
  });

  it('classifies by the message’s own time: a redelivered 07:59 check-in stays on time', () => {
    // The event reached the bot at 08:20, but was sent at 07:59: the punch carries the sent time.
    expect(status('2026-11-23', { punches: [['07:59:00', 'in']], now: at('2026-11-23T08:20:00') })[0]).toBe('normal');
  });
});

describe('leaving before the end', () => {
  it.each([
    ['16:30:00', 'normal', 0],
    ['16:29:59', 'early', 1],
    ['16:00:00', 'early', 30],
    ['15:59:59', 'off_post', 31],
  ])('checked out at %s: %s', (time, expected, minutes) => {
    const [, pm] = classifyDay('2026-11-23', { punches: [['08:00:00', 'in'], ['13:00:00', 'in'], [time, 'out']] });
    expect(pm).toMatchObject({ status: expected, minutesEarly: minutes });
  });

  it('an early check-out under an 外出 or 走访 status is 外出/走访, not 早退', () => {
    const pm = classifyDay('2026-11-23', { punches: [['13:00:00', 'in'], ['14:00:00', 'out']], whereabouts: [['13:55:00', 'visit']] })[1];
    expect(pm).toMatchObject({ status: 'out', whereabouts: 'visit', minutesEarly: 0 });
  });

  it('a status set after leaving does not cover the departure', () => {
    const pm = classifyDay('2026-11-23', { punches: [['13:00:00', 'in'], ['14:00:00', 'out']], whereabouts: [['14:05:00', 'out']] })[1];
    expect(pm?.status).toBe('off_post');
  });

  it('休息 during office hours without leave is 脱岗', () => {
    expect(status('2026-11-23', { punches: [['08:00:00', 'in']], whereabouts: [['09:00:00', 'rest']] })[0]).toBe('off_post');
  });

  it('an 外出 status in force at the end of a checked-in session shows as 外出/走访', () => {
    expect(status('2026-11-23', { punches: [['07:50:00', 'in']], whereabouts: [['09:00:00', 'out']] })[0]).toBe('out');
  });

  it('a leave covering the rest of the session makes an early check-out no fault', () => {
    const pm = classifyDay('2026-11-23', {
      punches: [['13:00:00', 'in'], ['15:00:00', 'out']],
      leaves: [['2026-11-23T15:00:00', '2026-11-23T16:30:00', '事假']],
    })[1];
    expect(pm).toMatchObject({ status: 'normal', leaveType: '事假' });
  });
});

describe('leave and exceptions', () => {
  it('a day of leave is 请假 in both sessions', () => {
    expect(status('2026-11-23', { leaves: [['2026-11-23T00:00:00', '2026-11-23T23:59:59', '病假']] })).toEqual(['leave', 'leave']);
  });

  it('leave covering the start excuses the late arrival after it', () => {
    const [am] = classifyDay('2026-11-23', { punches: [['10:00:00', 'in']], leaves: [['2026-11-23T08:00:00', '2026-11-23T10:00:00', '事假']] });
    expect(am).toMatchObject({ status: 'normal', minutesLate: 0, leaveType: '事假' });
  });

  it('an exception recorded after the session still excuses the missing check-in', () => {
    const [am, pm] = classifyDay('2026-11-23', { punches: [['13:00:00', 'in']], exceptions: [['am', '区里开会', '2026-11-24T09:00:00']] });
    expect(am).toMatchObject({ status: 'excused', exception: '区里开会' });
    expect(pm?.status).toBe('normal');
  });

  it('the latest exception for a session wins', () => {
    const [am] = classifyDay('2026-11-23', { exceptions: [['am', '第二次', '2026-11-23T12:00:00'], ['am', '第一次', '2026-11-23T11:00:00']] });
    expect(am?.exception).toBe('第二次');
  });
});

describe('the calendar moves the working week', () => {
  it('a statutory holiday (国庆节 2026-10-01) expects no check-in', () => {
    expect(status('2026-10-01')).toEqual(['holiday', 'holiday']);
  });

  it('an ordinary Sunday is a rest day', () => {
    expect(status('2026-11-22')).toEqual(['rest', 'rest']);
  });

  it('a 调休 Saturday (2026-10-10) is a workday: no check-in is absent', () => {
    expect(status('2026-10-10')).toEqual(['absent', 'absent']);
    expect(status('2026-10-10', { punches: [['08:00:00', 'in'], ['13:00:01', 'in']] })).toEqual(['normal', 'late']);
  });
});

describe('staggered hours and duty', () => {
  const staggered = policyWith({
    attendance: {
      schedules: [
        {
          name: '错时班',
          grids: ['第二网格'],
          sessions: [
            { id: 'am', name: '上午', start: '09:00', end: '12:00' },
            { id: 'pm', name: '下午', start: '14:00', end: '18:00' },
          ],
        },
      ],
    },
  });

  it.each([
    ['08:59:59', 'normal'],
    ['09:00:00', 'normal'],
    ['09:00:01', 'late'],
  ])('a person of a 错时 grid checking in at %s is %s', (time, expected) => {
    expect(status('2026-11-23', { policy: staggered, person: LIU, punches: [[time, 'in']] })[0]).toBe(expected);
  });

  it('the staggered afternoon ends at 18:00: a 17:00 check-out leaves 60 minutes early', () => {
    const pm = classifyDay('2026-11-23', { policy: staggered, person: LIU, punches: [['14:00:00', 'in'], ['17:00:00', 'out']] })[1];
    expect(pm).toMatchObject({ status: 'off_post', minutesEarly: 60 });
  });

  it.each([
    ['07:50:00', 'normal', 0],
    ['07:50:01', 'late', 1],
    ['07:59:00', 'late', 9],
  ])('the duty person (a 白班 08:00-17:30 on the roster) is due 10 minutes early: %s is %s', (time, expected, minutes) => {
    const duty: [string, string][] = [['2026-11-23T08:00:00', '2026-11-23T17:30:00']];
    expect(classifyDay('2026-11-23', { policy: staggered, punches: [[time, 'in']], duty })[0]).toMatchObject({ status: expected, minutesLate: minutes });
  });

  it('a night shift ending at 08:00 does not make its person due early that morning; a shift starting at 13:00 does for the afternoon', () => {
    const night: [string, string][] = [['2026-11-22T17:30:00', '2026-11-23T08:00:00']];
    expect(classifyDay('2026-11-23', { policy: staggered, punches: [['07:55:00', 'in']], duty: night })[0]).toMatchObject({ status: 'normal' });
    const afternoon: [string, string][] = [['2026-11-23T13:00:00', '2026-11-24T08:00:00']];
    const sessions = classifyDay('2026-11-23', { policy: staggered, punches: [['07:59:00', 'in'], ['12:55:00', 'in']], duty: afternoon });
    expect(sessions.map((s) => [s.status, s.minutesLate])).toEqual([['normal', 0], ['late', 5]]);
  });
});

describe('a month: totals, full attendance and the 100-point score', () => {
  const policy = policyWith();
  const days = calendar.month('2026-11');

  function monthOf(punches: Punch[], discretionary = new Map<number, number>()) {
    return buildAttendanceReport({ policy, days, people: [ZHANG], punches, leaves: [], exceptions: [], whereabouts: [], discretionary, now: LATER }).people[0]!;
  }

  const everyWorkday = (except: string[] = []): Punch[] =>
    days
      .filter((d) => calendar.isWorkday(d.date) && !except.includes(d.date))
      .flatMap((d) => [
        { personId: 1, officeDate: d.date, kind: 'in' as const, at: at(`${d.date}T07:55:00`) },
        { personId: 1, officeDate: d.date, kind: 'in' as const, at: at(`${d.date}T12:55:00`) },
      ]);

  it('every session on time through the month end (Monday 11-30) is full attendance with 100 points', () => {
    const month = monthOf(everyWorkday());
    expect(month.days).toHaveLength(30);
    expect(month.totals).toMatchObject({ workdays: 21, sessions: 42, normal: 42 });
    expect(month.fullAttendance).toBe(true);
    expect(month.score).toEqual({ rulePoints: 80, deductions: 0, discretionary: null, total: 100 });
  });

  it('the last day of the month missing costs two absences; a December punch does not count', () => {
    const punches = [...everyWorkday(['2026-11-30']), { personId: 1, officeDate: '2026-12-01', kind: 'in' as const, at: at('2026-12-01T07:55:00') }];
    const month = monthOf(punches, new Map([[1, 15]]));
    expect(month.days.at(-1)?.sessions.map((s) => s.status)).toEqual(['absent', 'absent']);
    expect(month.totals.absent).toBe(2);
    expect(isFullAttendance(month.totals)).toBe(false);
    expect(month.score).toEqual({ rulePoints: 70, deductions: 10, discretionary: 15, total: 85 });
  });

  it('deductions are configurable and never take the rule part below zero', () => {
    const scoring = policyWith({ attendance: { scoring: { absent: 50, discretionaryPoints: 30 } } }).attendance.scoring;
    const totals = monthOf(everyWorkday(['2026-11-30'])).totals;
    expect(score(scoring, totals, 25)).toEqual({ rulePoints: 0, deductions: 100, discretionary: 25, total: 25 });
  });
});
