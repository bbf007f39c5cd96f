import { DateTime } from 'luxon';
import { z } from 'zod';
import type { PolicyPart } from '../../src/config/policy.ts';

/**
 * Duty rosters (值班表). Shifts are clock times in the office zone (an end at or before the start is
 * the next day: 夜班 17:30-08:00; equal start and end is a 24-hour shift). Rotations staff shifts from a
 * start date by arithmetic over the days they apply to (workdays, rest days, holidays by the office
 * calendar, 调休 Saturdays being workdays), so a skipped day never skips a person. A holiday rotation
 * shares the holiday blocks out fairly over the year. Leaders on call (带班领导) rotate the same way.
 */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM, e.g. 08:00');
const isoDate = z.string().refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid, 'must be a date YYYY-MM-DD');

const shiftSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'must be a short lowercase id, e.g. day'),
  name: z.string().min(1),
  start: hhmm,
  end: hhmm,
});

/** A person in a rotation by name, optionally from or until a date (joining or leaving the rotation). */
const memberSchema = z.union([
  z.string().min(1),
  z.object({ name: z.string().min(1), from: isoDate.optional(), until: isoDate.optional() }),
]);

/** 'staff': every 社工 of the community, in roster order. */
const peopleSchema = z.union([z.literal('staff'), z.array(memberSchema).min(1)]);

const rotationSchema = z.object({
  name: z.string().min(1),
  /** The community this rotation is for; omitted: every community, names read in each. */
  community: z.string().min(1).optional(),
  /** cycle: turns in order; holiday: the holiday blocks shared out fairly across the year. */
  kind: z.enum(['cycle', 'holiday']).default('cycle'),
  /** Shift ids this rotation staffs. */
  shifts: z.array(z.string().min(1)).min(1),
  /** People on duty at once per shift: 2 for 24小时双人双岗. */
  seats: z.number().int().min(1).max(10).default(1),
  people: peopleSchema,
  /** How long one turn lasts (cycle rotations): a day, or a week. */
  every: z.enum(['day', 'week']).default('day'),
  /** The date of the first turn. */
  start: isoDate,
  /** The days it applies to (cycle rotations); a holiday rotation takes the holiday blocks. */
  days: z.array(z.enum(['workday', 'restday', 'holiday'])).min(1).default(['workday']),
});

const leaderSchema = z.object({
  community: z.string().min(1).optional(),
  people: peopleSchema,
  every: z.enum(['day', 'week']).default('week'),
  start: isoDate,
});

export const dutyPolicySchema = z
  .object({
    shifts: z
      .array(shiftSchema)
      .default([
        { id: 'day', name: '白班', start: '08:00', end: '17:30' },
        { id: 'night', name: '夜班', start: '17:30', end: '08:00' },
        { id: 'full', name: '24小时班', start: '08:00', end: '08:00' },
      ]),
    rotations: z.array(rotationSchema).default([]),
    leaders: z.array(leaderSchema).default([]),
    /** How far ahead shifts are generated. */
    horizonDays: z.number().int().min(7).max(400).default(62),
    post: z
      .object({
        /** HH:MM: today's duty to the work groups (the week on Mondays); null turns it off. */
        at: hhmm.nullable().default('07:30'),
        /** The week's roster on Mondays instead of the day's. */
        weekOnMonday: z.boolean().default(true),
        /** HH:MM the evening before: each person on duty tomorrow is reminded privately; null turns it off. */
        remindAt: hhmm.nullable().default('18:00'),
        /** The whole holiday roster goes out this many days before a holiday block, at `at`. */
        holidayDaysBefore: z.number().int().min(1).max(30).default(1),
      })
      .prefault({}),
    checkIn: z
      .object({
        /** A duty check-in (签到 or 接班) counts from this long before the shift. */
        opensMinutesBefore: z.number().int().min(0).max(240).default(60),
        /** No check-in this long after it was due: the leader on call is told. */
        reportAfterMinutes: z.number().int().min(0).max(120).default(5),
      })
      .prefault({}),
    swaps: z
      .object({
        /** secretary: a swap or cover the colleague accepted also needs the secretary; none: the colleague's word is enough. */
        approval: z.enum(['secretary', 'none']).default('secretary'),
      })
      .prefault({}),
  })
  .superRefine((duty, ctx) => {
    const ids = new Set(duty.shifts.map((s) => s.id));
    if (ids.size !== duty.shifts.length) ctx.addIssue({ code: 'custom', path: ['shifts'], message: 'shift ids must be unique' });
    duty.rotations.forEach((rotation, index) => {
      for (const shift of rotation.shifts) {
        if (!ids.has(shift)) ctx.addIssue({ code: 'custom', path: ['rotations', index, 'shifts'], message: `no shift "${shift}" in duty.shifts` });
      }
    });
  });

export type DutyPolicy = z.infer<typeof dutyPolicySchema>;
export type DutyShiftRule = DutyPolicy['shifts'][number];
export type DutyRotationRule = DutyPolicy['rotations'][number];
export type DutyLeaderRule = DutyPolicy['leaders'][number];
export type DutyMemberRule = z.infer<typeof memberSchema>;

declare module '../../src/config/policy.ts' {
  interface FamilyPolicies {
    duty: DutyPolicy;
  }
}

export const dutyPolicy: PolicyPart = { blocks: { duty: dutyPolicySchema.prefault({}) } };
