import type { Translate } from '../../src/i18n/index.ts';
import type { SessionResult } from './rules/attendance.ts';
import type { AttendanceReport, PersonReport } from './rules/attendance-report.ts';
import { SESSION_STATUS_TEXT } from './status-texts.ts';

/** Attendance as chat text: a person's month, a community's month, and the day for the secretary. */

function totalsText(t: Translate, p: PersonReport): string {
  const n = p.totals;
  return t('attendance.totals', {
    sessions: n.sessions - n.pending,
    normal: n.normal,
    late: n.late,
    early: n.early,
    offPost: n.off_post,
    absent: n.absent,
    leave: n.leave,
    out: n.out,
    excused: n.excused,
    full: t(p.fullAttendance ? 'attendance.full' : 'attendance.notFull'),
    total: p.score.total,
  });
}

function sessionText(t: Translate, s: SessionResult): string {
  const status = t(SESSION_STATUS_TEXT[s.status]);
  const minutes = s.minutesEarly || s.minutesLate;
  return minutes > 0 ? t('attendance.sessionMinutes', { session: s.sessionName, status, minutes }) : `${s.sessionName}${status}`;
}

const FAULTY = new Set<SessionResult['status']>(['late', 'early', 'off_post', 'absent', 'excused', 'leave', 'out']);

export function personMonthText(t: Translate, p: PersonReport, month: string): string {
  const lines = [t('attendance.personHeader', { name: p.name, month }), totalsText(t, p)];
  for (const day of p.days) {
    const notable = day.sessions.filter((s) => FAULTY.has(s.status) || s.minutesLate > 0);
    if (notable.length > 0) lines.push(`${day.date.slice(5)} ${notable.map((s) => sessionText(t, s)).join('，')}`);
  }
  return lines.join('\n');
}

export function communityMonthText(t: Translate, report: AttendanceReport, community: string, month: string): string {
  return [t('attendance.communityHeader', { community, month }), ...report.people.map((p) => `${p.name}：${totalsText(t, p)}`)].join('\n');
}

/** The day for the secretary: who is late, absent, off post, out, on leave; everyone else is normal. */
export function dailyText(t: Translate, report: AttendanceReport, community: string, date: string): string {
  const groups = new Map<SessionResult['status'], string[]>();
  for (const p of report.people) {
    for (const s of p.days[0]?.sessions ?? []) {
      const key = s.minutesLate > 0 && s.status !== 'late' ? 'late' : s.status;
      if (key === 'normal' || key === 'rest' || key === 'holiday') continue;
      const list = groups.get(key) ?? [];
      list.push(`${p.name}（${s.sessionName}${s.minutesLate || s.minutesEarly ? ` ${s.minutesLate || s.minutesEarly} 分钟` : ''}${s.exception ?? s.leaveType ? `，${s.exception ?? s.leaveType}` : ''}）`);
      groups.set(key, list);
    }
  }
  // Sessions not finished yet (pending) are left out: the summary reports what happened.
  const order: SessionResult['status'][] = ['absent', 'late', 'early', 'off_post', 'out', 'leave', 'excused'];
  const lines = order.filter((k) => groups.has(k)).map((k) => `${t(SESSION_STATUS_TEXT[k])}：${groups.get(k)!.join('、')}`);
  return [t('attendance.dailyHeader', { community, date }), ...(lines.length ? lines : [t('attendance.allNormal')])].join('\n');
}
