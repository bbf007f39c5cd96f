/** What other families may ask of attendance (and nothing else of it): a person's office hours, staggered (错时) or not. */
export { dueSessions, hoursFor, type PersonHours, type PersonRef } from './rules/schedules.ts';
