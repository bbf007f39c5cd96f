import { z } from 'zod';
import { hhmm, sessionsSchema, type PolicyPart } from '../../src/config/policy.ts';

/** When a check-in is open and when it is reminded of: the office's sessions, as the street office sets them. */
const checkInSchema = z
  .object({
    /** How long before a session starts its check-in opens. */
    opensMinutesBefore: z.number().int().min(0).max(240).default(60),
    /** Minutes after the start still counted as on time (0: 08:00:00 is on time, 08:00:01 late). */
    graceMinutes: z.number().int().min(0).max(60).default(0),
    /** How long after a session ends its check-out stays open. */
    checkOutClosesMinutesAfter: z.number().int().min(0).max(240).default(60),
    /** A reminder to the work groups this many minutes before each session; 0 turns it off. */
    reminderMinutesBefore: z.number().int().min(0).max(120).default(10),
  })
  .prefault({});

/** Staggered hours (错时): a named schedule with its own sessions, for people by name or by grid. */
const scheduleSchema = z.object({
  name: z.string().min(1),
  sessions: sessionsSchema,
  people: z.array(z.string().min(1)).default([]),
  grids: z.array(z.string().min(1)).default([]),
});

const attendanceSchema = z
  .object({
    schedules: z.array(scheduleSchema).default([]),
    duty: z
      .object({
        /** The duty person (by the duty roster) is due this many minutes before a session or shift starts. */
        leadMinutes: z.number().int().min(0).max(120).default(10),
        /** Replaced by the duty roster: refused with a pointer, so an old policy file is not silently ignored. */
        people: z.undefined({ error: 'replaced by the duty roster: set duty.rotations or run `npx shequ roster import`' }).optional(),
      })
      .prefault({}),
    /** An early check-out uncovered by leave or whereabouts more than this before the end is 脱岗, not 早退. */
    offPostMinutes: z.number().int().min(0).max(480).default(30),
    /** Where check-ins are expected; a check-in with a location outside is recorded and flagged. */
    geofence: z
      .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), radiusMeters: z.number().positive().max(100_000) })
      .nullable()
      .default(null),
    dailySummary: z
      .object({
        /** HH:MM office time; null turns the summary off. */
        at: hhmm.nullable().default('17:00'),
        /** secretary: privately to the secretary's bound accounts; work_group: to the community's work groups. */
        to: z.enum(['secretary', 'work_group']).default('secretary'),
      })
      .prefault({}),
    scoring: z
      .object({
        /** Of the 100 points, this many are the secretary's to give (考勤评分); the rest start full and lose deductions. */
        discretionaryPoints: z.number().int().min(0).max(100).default(20),
        /** Points deducted per session. */
        late: z.number().min(0).default(1),
        early: z.number().min(0).default(1),
        offPost: z.number().min(0).default(3),
        absent: z.number().min(0).default(5),
      })
      .prefault({}),
  })
  .prefault({});

export type AttendancePolicy = z.infer<typeof attendanceSchema>;

declare module '../../src/config/policy.ts' {
  interface FamilyPolicies {
    checkIn: z.infer<typeof checkInSchema>;
    attendance: AttendancePolicy;
  }
}

/** Check-in and attendance's part of the office policy: `checkIn` and `attendance`. */
export const attendancePolicy: PolicyPart = { blocks: { checkIn: checkInSchema, attendance: attendanceSchema } };
