/** A whereabouts note as staff write it: 外出 去街道送材料 10:30回 → note and expected return. Pure. */
export function parseWhereaboutsNote(rest: string): { note: string | null; returnAt: string | null } {
  const back = /(\d{1,2})[:：点](\d{2}|半)?\s*(回来|返回|回)/.exec(rest);
  let returnAt: string | null = null;
  let text = rest;
  if (back) {
    const hour = Number(back[1]);
    const minute = back[2] === '半' ? 30 : Number(back[2] ?? 0);
    if (hour < 24 && minute < 60) {
      returnAt = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
      text = rest.replace(back[0], ' ');
    }
  }
  const note = text.replace(/\s+/g, ' ').trim();
  return { note: note ? note.slice(0, 100) : null, returnAt };
}
