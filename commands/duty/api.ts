/**
 * What other families may ask of the duty roster (and nothing else of it): who is on duty at an
 * instant, people's duty spans, the office sessions a shift covers, and a check-in that is also a
 * duty arrival.
 */
export { onDutyAt, dutySpans, type DutyPerson, type DutySpan, type OnDuty } from './on-duty.ts';
export { dutyCheckIn, dutySeatsAround, dutySessionsFor, type DutySeatRow } from './checkin.ts';
export { sessionsCovered } from './rules/rotation.ts';
