import { DateTime } from 'luxon';
import { UsageError } from '../cli/context.ts';
import type { Period, PeriodKind } from './ledger.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const WEEK = /^(\d{4})-W(\d{2})$/;

/** A month YYYY-MM; `flag` names the option it came from, none for a command's argument. */
export function parseMonth(value: string, flag?: string): string {
  if (MONTH.test(value)) return value;
  throw new UsageError(flag ? `${flag} 应为 YYYY-MM (must be YYYY-MM): ${value}` : `月份应为 YYYY-MM (month must be YYYY-MM): ${value}`);
}

/** An ISO week YYYY-Www, Monday to Sunday; there is no 2026-W53. */
function parseWeek(value: string): DateTime {
  const match = WEEK.exec(value);
  const monday = match ? DateTime.fromObject({ weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 }, { zone: 'UTC' }) : null;
  if (!monday?.isValid || monday.weekNumber !== Number(match![2]) || monday.weekYear !== Number(match![1])) {
    throw new UsageError(`--week 应为 YYYY-Www，如 2026-W49 (must be an ISO week): ${value}`);
  }
  return monday;
}

function period(kind: Period['kind'], value: string, first: DateTime, last: DateTime, zone: string): Period {
  const from = first.toISODate()!;
  const to = last.toISODate()!;
  return {
    kind,
    value,
    from,
    to,
    start: DateTime.fromISO(from, { zone }).toJSDate(),
    end: DateTime.fromISO(to, { zone }).plus({ days: 1 }).toJSDate(),
  };
}

/** The period of `--month` (or `--week`, where the ledger takes one), in the office zone. */
export function parsePeriod(options: { month?: string; week?: string }, kind: PeriodKind, zone: string): Period {
  if (kind === 'week-or-month' && Boolean(options.week) === Boolean(options.month)) {
    throw new UsageError('请给 --week 或 --month 其中一个 (give either --week YYYY-Www or --month YYYY-MM)');
  }
  if (kind === 'week-or-month' && options.week) {
    const monday = parseWeek(options.week);
    return period('week', options.week, monday, monday.plus({ days: 6 }), zone);
  }
  const month = parseMonth(options.month ?? '', '--month');
  const first = DateTime.fromISO(`${month}-01`, { zone: 'UTC' });
  return period('month', month, first, first.endOf('month'), zone);
}
