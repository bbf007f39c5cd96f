import ExcelJS from 'exceljs';
import type { Policy } from '../config/policy.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';
import type { SessionResult } from '../rules/attendance.ts';
import type { AttendanceReport } from '../rules/attendance-report.ts';
import { inZone } from '../time/office-time.ts';

/** The month's attendance as the street office receives it: a JSON ledger or an XLSX workbook (汇总, 明细, 说明). */

const clock = (at: Date | null, zone: string) => (at ? inZone(at, zone).toFormat('HH:mm:ss') : null);

export function reportJson(report: AttendanceReport, month: string, community: string | null) {
  const zone = report.timezone;
  return {
    month,
    community,
    timezone: zone,
    people: report.people.map((p) => ({
      name: p.name,
      community: p.community,
      schedule: p.schedule,
      onDuty: p.onDuty,
      totals: p.totals,
      fullAttendance: p.fullAttendance,
      score: p.score,
      days: p.days.map((d) => ({
        date: d.date,
        kind: d.kind,
        name: d.name,
        sessions: d.sessions.map((s) => ({ ...s, checkIn: clock(s.checkIn, zone), checkOut: clock(s.checkOut, zone) })),
      })),
    })),
  };
}

export type AttendanceJson = ReturnType<typeof reportJson>;

const statusKey = (s: SessionResult['status']) => `attendance.status.${s}` as MessageKey;

export async function reportWorkbook(report: AttendanceReport, policy: Pick<Policy, 'attendance'>, t: Translate): Promise<ExcelJS.Workbook> {
  const zone = report.timezone;
  const yesNo = (v: boolean) => t(v ? 'attendance.yes' : 'attendance.no');
  const workbook = new ExcelJS.Workbook();
  const summary = workbook.addWorksheet(t('attendance.sheet.summary'));
  summary.addRow([
    t('attendance.col.name'),
    t('attendance.col.community'),
    t('attendance.col.schedule'),
    t('attendance.col.workdays'),
    t('attendance.col.sessions'),
    ...(['normal', 'late', 'early', 'off_post', 'absent', 'out', 'leave', 'excused', 'pending'] as const).map((s) => t(statusKey(s))),
    t('attendance.col.outsideGeofence'),
    t('attendance.col.fullAttendance'),
    t('attendance.col.deductions'),
    t('attendance.col.rulePoints'),
    t('attendance.col.discretionary'),
    t('attendance.col.total'),
  ]);
  for (const p of report.people) {
    const n = p.totals;
    summary.addRow([
      p.name,
      p.community ?? '',
      p.schedule ?? t('attendance.officeHours'),
      n.workdays,
      n.sessions,
      n.normal,
      n.late,
      n.early,
      n.off_post,
      n.absent,
      n.out,
      n.leave,
      n.excused,
      n.pending,
      n.outsideGeofence,
      yesNo(p.fullAttendance),
      p.score.deductions,
      p.score.rulePoints,
      p.score.discretionary ?? policy.attendance.scoring.discretionaryPoints,
      p.score.total,
    ]);
  }

  const detail = workbook.addWorksheet(t('attendance.sheet.detail'));
  detail.addRow(
    (
      ['name', 'community', 'date', 'day', 'session', 'status', 'checkIn', 'checkOut', 'minutesLate', 'minutesEarly', 'leaveType', 'exception', 'whereabouts', 'outsideGeofence'] as const
    ).map((c) => t(`attendance.col.${c}`)),
  );
  for (const p of report.people) {
    for (const d of p.days) {
      const day = d.name ? `${t(`attendance.day.${d.kind}`)}（${d.name}）` : t(`attendance.day.${d.kind}`);
      for (const s of d.sessions) {
        detail.addRow([
          p.name,
          p.community ?? '',
          d.date,
          day,
          s.sessionName,
          t(statusKey(s.status)),
          clock(s.checkIn, zone) ?? '',
          clock(s.checkOut, zone) ?? '',
          s.minutesLate || '',
          s.minutesEarly || '',
          s.leaveType ?? '',
          s.exception ?? '',
          s.whereabouts ? t(`whereabouts.${s.whereabouts}`) : '',
          s.outsideGeofence ? t('attendance.yes') : '',
        ]);
      }
    }
  }

  const { scoring } = policy.attendance;
  workbook.addWorksheet(t('attendance.sheet.rules')).addRow([
    t('attendance.rules', {
      rulePoints: 100 - scoring.discretionaryPoints,
      discretionary: scoring.discretionaryPoints,
      late: scoring.late,
      early: scoring.early,
      offPost: scoring.offPost,
      absent: scoring.absent,
    }),
  ]);
  for (const sheet of [summary, detail]) {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return workbook;
}
