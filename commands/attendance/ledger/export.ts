import ExcelJS from 'exceljs';
import type { Policy } from '../../../src/config/policy.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import { SESSION_STATUS_TEXT, WHEREABOUTS_TEXT } from '../status-texts.ts';
import type { AttendanceReport } from '../rules/attendance-report.ts';

/** The month's attendance as the street office receives it: a JSON ledger or an XLSX workbook (汇总, 明细, 说明). */

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** HH:mm:ss in the office zone; one cached formatter, since a month holds hundreds of thousands of times. */
function clock(at: Date | null, zone: string): string | null {
  if (!at) return null;
  let format = clockFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    clockFormats.set(zone, format);
  }
  return format.format(at);
}

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

/** Streams the workbook to a file row by row, so memory stays flat however many people the month has. */
export async function writeReportXlsx(report: AttendanceReport, policy: Pick<Policy, 'attendance'>, t: Translate, filename: string): Promise<void> {
  const zone = report.timezone;
  const yesNo = (v: boolean) => t(v ? 'attendance.yes' : 'attendance.no');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useSharedStrings: false, useStyles: true });
  const frozen = [{ state: 'frozen' as const, ySplit: 1 }];
  const add = (sheet: ExcelJS.Worksheet, values: unknown[], bold = false) => {
    const row = sheet.addRow(values);
    if (bold) row.font = { bold: true };
    row.commit();
  };

  const summary = workbook.addWorksheet(t('attendance.sheet.summary'), { views: frozen });
  const statuses = ['normal', 'late', 'early', 'off_post', 'absent', 'out', 'leave', 'excused', 'pending'] as const;
  const summaryColumns = ['name', 'community', 'schedule', 'workdays', 'sessions'] as const;
  const scoreColumns = ['outsideGeofence', 'fullAttendance', 'deductions', 'rulePoints', 'discretionary', 'total'] as const;
  add(summary, [...summaryColumns.map((c) => t(`attendance.col.${c}`)), ...statuses.map((s) => t(SESSION_STATUS_TEXT[s])), ...scoreColumns.map((c) => t(`attendance.col.${c}`))], true);
  for (const p of report.people) {
    const n = p.totals;
    add(summary, [
      p.name,
      p.community ?? '',
      p.schedule ?? t('attendance.officeHours'),
      n.workdays,
      n.sessions,
      ...statuses.map((s) => n[s]),
      n.outsideGeofence,
      yesNo(p.fullAttendance),
      p.score.deductions,
      p.score.rulePoints,
      p.score.discretionary ?? policy.attendance.scoring.discretionaryPoints,
      p.score.total,
    ]);
  }
  summary.commit();

  const detail = workbook.addWorksheet(t('attendance.sheet.detail'), { views: frozen });
  const detailColumns = ['name', 'community', 'date', 'day', 'session', 'status', 'checkIn', 'checkOut', 'minutesLate', 'minutesEarly', 'leaveType', 'exception', 'whereabouts', 'outsideGeofence'] as const;
  add(detail, detailColumns.map((c) => t(`attendance.col.${c}`)), true);
  for (const p of report.people) {
    for (const d of p.days) {
      const day = d.name ? `${t(`attendance.day.${d.kind}`)}（${d.name}）` : t(`attendance.day.${d.kind}`);
      for (const s of d.sessions) {
        add(detail, [
          p.name,
          p.community ?? '',
          d.date,
          day,
          s.sessionName,
          t(SESSION_STATUS_TEXT[s.status]),
          clock(s.checkIn, zone) ?? '',
          clock(s.checkOut, zone) ?? '',
          s.minutesLate || '',
          s.minutesEarly || '',
          s.leaveType ?? '',
          s.exception ?? '',
          s.whereabouts ? t(WHEREABOUTS_TEXT[s.whereabouts]) : '',
          s.outsideGeofence ? t('attendance.yes') : '',
        ]);
      }
    }
  }
  detail.commit();

  const { scoring } = policy.attendance;
  const rules = workbook.addWorksheet(t('attendance.sheet.rules'));
  add(rules, [
    t('attendance.rules', {
      rulePoints: 100 - scoring.discretionaryPoints,
      discretionary: scoring.discretionaryPoints,
      late: scoring.late,
      early: scoring.early,
      offPost: scoring.offPost,
      absent: scoring.absent,
    }),
  ]);
  rules.commit();
  await workbook.commit();
}
