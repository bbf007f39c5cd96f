import { officeStaff } from '../../../src/core/people.ts';
import { sheet, type Ledger, type LedgerColumn } from '../../../src/ledger/ledger.ts';
import { loadMonthReport } from '../load-report.ts';
import { SESSION_STATUS_TEXT } from '../status-texts.ts';
import type { SessionResult } from '../rules/attendance.ts';
import type { AttendanceReport, PersonDay, PersonReport } from '../rules/attendance-report.ts';

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

const STATUSES = ['normal', 'late', 'early', 'off_post', 'absent', 'out', 'leave', 'excused', 'pending'] as const;

const summaryColumns: LedgerColumn<PersonReport>[] = [
  { header: 'attendance.col.name', width: 10, kind: 'text', value: (p) => p.name },
  { header: 'attendance.col.community', width: 12, kind: 'text', value: (p) => p.community },
  { header: 'attendance.col.schedule', width: 10, kind: 'text', value: (p, { t }) => p.schedule ?? t('attendance.officeHours') },
  { header: 'attendance.col.workdays', width: 8, kind: 'number', value: (p) => p.totals.workdays },
  { header: 'attendance.col.sessions', width: 8, kind: 'number', value: (p) => p.totals.sessions },
  ...STATUSES.map((s): LedgerColumn<PersonReport> => ({ header: SESSION_STATUS_TEXT[s], width: 6, kind: 'number', value: (p) => p.totals[s] })),
  { header: 'attendance.col.outsideGeofence', width: 8, kind: 'number', value: (p) => p.totals.outsideGeofence },
  { header: 'attendance.col.fullAttendance', width: 6, kind: 'text', value: (p, { t }) => t(p.fullAttendance ? 'attendance.yes' : 'attendance.no') },
  { header: 'attendance.col.deductions', width: 6, kind: 'number', value: (p) => p.score.deductions },
  { header: 'attendance.col.rulePoints', width: 8, kind: 'number', value: (p) => p.score.rulePoints },
  { header: 'attendance.col.discretionary', width: 8, kind: 'number', value: (p, { policy }) => p.score.discretionary ?? policy.attendance.scoring.discretionaryPoints },
  { header: 'attendance.col.total', width: 6, kind: 'number', value: (p) => p.score.total },
];

/** A row of 明细: one session of one person's day, with the day's label made once per day. */
interface DetailRow {
  person: PersonReport;
  day: PersonDay;
  dayLabel: string;
  session: SessionResult;
}

const detailColumns: LedgerColumn<DetailRow>[] = [
  { header: 'attendance.col.name', width: 10, kind: 'text', value: (r) => r.person.name },
  { header: 'attendance.col.community', width: 12, kind: 'text', value: (r) => r.person.community },
  { header: 'attendance.col.date', width: 11, kind: 'date', value: (r) => r.day.date },
  { header: 'attendance.col.day', width: 16, kind: 'text', value: (r) => r.dayLabel },
  { header: 'attendance.col.session', width: 8, kind: 'text', value: (r) => r.session.sessionName },
  { header: 'attendance.col.status', width: 8, kind: 'text', value: (r, { t }) => t(SESSION_STATUS_TEXT[r.session.status]) },
  { header: 'attendance.col.checkIn', width: 9, kind: 'time', value: (r) => r.session.checkIn },
  { header: 'attendance.col.checkOut', width: 9, kind: 'time', value: (r) => r.session.checkOut },
  { header: 'attendance.col.minutesLate', width: 8, kind: 'number', value: (r) => r.session.minutesLate || null },
  { header: 'attendance.col.minutesEarly', width: 8, kind: 'number', value: (r) => r.session.minutesEarly || null },
  { header: 'attendance.col.leaveType', width: 8, kind: 'text', value: (r) => r.session.leaveType },
  { header: 'attendance.col.exception', width: 16, kind: 'text', value: (r) => r.session.exception },
  { header: 'attendance.col.whereabouts', width: 8, kind: 'text', value: (r, { t }) => (r.session.whereabouts ? t(`whereabouts.${r.session.whereabouts}`) : null) },
  { header: 'attendance.col.outsideGeofence', width: 8, kind: 'boolean', value: (r) => r.session.outsideGeofence },
];

/** `shequ report attendance`: every person, day and session of the month, with totals and the 100-point score. */
export const attendanceLedger: Ledger<AttendanceReport> = {
  name: 'attendance',
  description: '月度考勤：每人、每天、每个时段，含合计和百分制得分 (monthly attendance per person, day and session, with totals and the 100-point score)',
  title: 'attendance.ledger.title',
  period: 'month',
  load: async (tx, { policy, period, community, now }) => loadMonthReport(tx, policy, period.value, await officeStaff(tx, community?.id ?? null), now),
  json: (report, { period, community }) => reportJson(report, period.value, community?.name ?? null),
  summary: (report, { t, period }) => t('attendance.ledger.summary', { people: report.people.length, month: period.value }),
  sheets: [
    sheet<AttendanceReport, PersonReport>({ name: 'attendance.sheet.summary', columns: summaryColumns, rows: (report) => report.people }),
    sheet<AttendanceReport, DetailRow>({
      name: 'attendance.sheet.detail',
      columns: detailColumns,
      *rows(report, { t }) {
        for (const person of report.people) {
          for (const day of person.days) {
            const kind = t(`attendance.day.${day.kind}`);
            const dayLabel = day.name ? `${kind}（${day.name}）` : kind;
            for (const session of day.sessions) yield { person, day, dayLabel, session };
          }
        }
      },
      count: (report) => report.people.reduce((sum, p) => sum + p.days.reduce((n, d) => n + d.sessions.length, 0), 0),
    }),
  ],
  notes: {
    name: 'attendance.sheet.rules',
    text: ({ t, policy }) => {
      const { scoring } = policy.attendance;
      return t('attendance.rules', {
        rulePoints: 100 - scoring.discretionaryPoints,
        discretionary: scoring.discretionaryPoints,
        late: scoring.late,
        early: scoring.early,
        offPost: scoring.offPost,
        absent: scoring.absent,
      });
    },
  },
};
