import type ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import type { CellInput, ColumnKind } from './ledger.ts';

/** How each kind of column reads in Excel: dates and times as serial numbers with a format, in office time. */

const DAY_MS = 86_400_000;
/** 1970-01-01 as an Excel serial day. */
const UNIX_EPOCH = 25_569;
/** Zones change their offset on a quarter hour; a month has about 3,000 of them, so offsets are cached by it. */
const QUARTER_MS = 900_000;
const offsets = new Map<string, Map<number, number>>();

function offsetMs(ms: number, zone: string): number {
  let byQuarter = offsets.get(zone);
  if (!byQuarter || byQuarter.size > 100_000) offsets.set(zone, (byQuarter = new Map()));
  const quarter = Math.floor(ms / QUARTER_MS);
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    offset = DateTime.fromMillis(quarter * QUARTER_MS, { zone }).offset * 60_000;
    byQuarter.set(quarter, offset);
  }
  return offset;
}

/** An instant as an Excel serial of the office's wall clock. */
function officeSerial(at: Date, zone: string): number {
  const ms = at.getTime();
  return (ms + offsetMs(ms, zone)) / DAY_MS + UNIX_EPOCH;
}

const STAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const CLOCK = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Office-time text ('2026-11-23', '2026-11-23 16:05', '16:05:30') as an Excel serial; null when it is none. */
function textSerial(text: string): number | null {
  const stamp = STAMP.exec(text);
  if (stamp) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = stamp;
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / DAY_MS + UNIX_EPOCH;
  }
  const clock = CLOCK.exec(text);
  if (clock) return (Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3] ?? 0)) / 86_400;
  return null;
}

const top = { vertical: 'top' } as const;

/** One shared style per kind: a cell given the same object costs the writer no new style. */
export const kindStyles: Readonly<Record<ColumnKind, Partial<ExcelJS.Style>>> = {
  text: { alignment: { vertical: 'top', wrapText: true } },
  number: { alignment: top },
  hours: { numFmt: '0.00', alignment: top },
  date: { numFmt: 'yyyy-mm-dd', alignment: top },
  time: { numFmt: 'hh:mm:ss', alignment: top },
  datetime: { numFmt: 'yyyy-mm-dd hh:mm', alignment: top },
  boolean: { alignment: { vertical: 'top', horizontal: 'center' } },
};

/** The same, in bold: the header and the totals row. */
export const boldStyles: Readonly<Record<ColumnKind, Partial<ExcelJS.Style>>> = Object.fromEntries(
  Object.entries(kindStyles).map(([kind, style]) => [kind, { ...style, font: { bold: true } }]),
) as Record<ColumnKind, Partial<ExcelJS.Style>>;

/** What a cell of this kind holds; text that is no date or time stays text rather than being lost. */
export function cellValue(kind: ColumnKind, input: CellInput, zone: string, yes: string): ExcelJS.CellValue {
  if (input === null || input === undefined || input === '') return null;
  switch (kind) {
    case 'boolean':
      return input ? yes : null;
    case 'date':
    case 'datetime':
    case 'time': {
      const serial = input instanceof Date ? officeSerial(input, zone) : typeof input === 'string' ? textSerial(input) : null;
      if (serial === null) return String(input);
      if (kind === 'date') return Math.floor(serial);
      return kind === 'time' ? serial - Math.floor(serial) : serial;
    }
    case 'number':
    case 'hours':
      return typeof input === 'number' ? input : String(input);
    case 'text':
      return String(input);
  }
}
