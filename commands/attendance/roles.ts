import type { Role } from '../../src/core/roles.ts';

/** Who records exceptions and reads everyone's attendance: the attendance officer and the office's leaders. */
export const ATTENDANCE_KEEPERS: readonly Role[] = ['attendance_officer', 'secretary', 'deputy_secretary'];
export const ATTENDANCE_READERS: readonly Role[] = ['attendance_officer', 'secretary', 'deputy_secretary', 'director'];
/** The secretary's discretionary points; the deputy stands in when the secretary is away. */
export const SCORE_GIVERS: readonly Role[] = ['secretary', 'deputy_secretary'];
