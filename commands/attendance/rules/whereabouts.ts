import { CLOCK, readClock } from '../../../src/time/grammar.ts';
import { formatHHMM } from '../../../src/time/office-time.ts';

/** 10:30回, 10点半回来; in digits only: 「晚一点回来」 says no time. */
const BACK_AT = new RegExp(`(?=\\d)(${CLOCK})\\s*(?:回来|返回|回)`);

/** A whereabouts note as staff write it: 外出 去街道送材料 10:30回 → note and expected return. Pure. */
export function parseWhereaboutsNote(rest: string): { note: string | null; returnAt: string | null } {
  const back = BACK_AT.exec(rest);
  const minute = back ? readClock(back[1]!) : null;
  const returnAt = minute === null ? null : formatHHMM(minute);
  const text = minute === null ? rest : rest.replace(back![0], ' ');
  const note = text.replace(/\s+/g, ' ').trim();
  return { note: note ? note.slice(0, 100) : null, returnAt };
}
