import { DateTime } from 'luxon';

/** Days and months as people write them in chat, read against today's office date. Pure. */

/** 今天, 昨天, 前天, 11月23日, 11-23, 2026-11-23 → YYYY-MM-DD; a date without a year is in this year unless that is over six months ahead (12月31日 in January). */
export function parseDayWord(word: string, today: string): string | null {
  const base = DateTime.fromISO(today, { zone: 'UTC' });
  const relative: Record<string, number> = { 今天: 0, 今日: 0, 昨天: 1, 昨日: 1, 前天: 2 };
  if (word in relative) return base.minus({ days: relative[word]! }).toISODate();
  const full = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$/.exec(word);
  const short = /^(\d{1,2})[-/月](\d{1,2})[日号]?$/.exec(word);
  const [year, month, day] = full ? [Number(full[1]), Number(full[2]), Number(full[3])] : short ? [base.year, Number(short[1]), Number(short[2])] : [0, 0, 0];
  if (!year) return null;
  let date = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
  if (!date.isValid) return null;
  if (!full && date > base.plus({ months: 6 })) date = date.minus({ years: 1 });
  return date.toISODate();
}

/** 本月, 上月, 11月, 2026-11, 2026年11月 → YYYY-MM; a month without a year is in this year unless that is over six months ahead. */
export function parseMonthWord(word: string, today: string): string | null {
  const base = DateTime.fromISO(today, { zone: 'UTC' }).startOf('month');
  if (word === '本月' || word === '这个月') return base.toFormat('yyyy-MM');
  if (word === '上月' || word === '上个月') return base.minus({ months: 1 }).toFormat('yyyy-MM');
  const full = /^(\d{4})[-/年](\d{1,2})月?$/.exec(word);
  const short = /^(\d{1,2})月(份)?$/.exec(word);
  const [year, month] = full ? [Number(full[1]), Number(full[2])] : short ? [base.year, Number(short[1])] : [0, 0];
  if (!year || month < 1 || month > 12) return null;
  let date = DateTime.fromObject({ year, month, day: 1 }, { zone: 'UTC' });
  if (!full && date > base.plus({ months: 6 })) date = date.minus({ years: 1 });
  return date.toFormat('yyyy-MM');
}
