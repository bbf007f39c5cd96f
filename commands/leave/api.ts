/**
 * What other families may ask of leave (and nothing else of it): the approved leave of people over
 * a time, and whether someone is on leave at an instant.
 */
export { approvedLeaveIntervals, isOnLeave, type LeaveInterval } from './approved-intervals.ts';
