import type { Policy } from '../config/policy.ts';
import type { Tx } from '../db/client.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';

/**
 * A family's ledger (台账), declared once: what it loads and which columns its sheets have. The
 * pipeline (src/ledger) does the rest for every ledger alike: the options of `shequ report <name>`,
 * the JSON or XLSX file, the title block, the progress bar and the summary line.
 */

/** What a ledger covers: a month, or (for weekly plans) a week or a month. */
export type PeriodKind = 'month' | 'week-or-month';

export interface Period {
  kind: 'month' | 'week';
  /** As asked for: 2026-12 or 2026-W49. */
  value: string;
  /** Its first and last office dates. */
  from: string;
  to: string;
  /** Its start and its end (exclusive) in the office zone. */
  start: Date;
  end: Date;
}

/** How a column's cells are written: real Excel numbers, dates and times in office time, not text. */
export type ColumnKind = 'text' | 'number' | 'date' | 'time' | 'datetime' | 'hours' | 'boolean';

/**
 * A cell as a family reads it. Dates and times are an instant (a Date) or office-time text as the
 * JSON ledger writes it ('2026-11-23', '2026-11-23 16:05', '16:05:30'); null or '' is an empty cell.
 */
export type CellInput = string | number | boolean | Date | null | undefined;

/** What the ledger is made for: the period and community asked for, at the time it is made. */
export interface LedgerContext {
  policy: Policy;
  t: Translate;
  period: Period;
  /** The community of `--community`; null for every community. */
  community: { id: number; name: string } | null;
  now: Date;
}

export interface LedgerColumn<Row> {
  header: MessageKey;
  /** In characters, as Excel counts them. */
  width: number;
  kind: ColumnKind;
  value(row: Row, context: LedgerContext): CellInput;
}

export interface LedgerSheet<Data, Row = unknown> {
  name: MessageKey;
  columns: readonly LedgerColumn<Row>[];
  /** Its rows, one at a time: a generator keeps a district's months out of memory. */
  rows(data: Data, context: LedgerContext): Iterable<Row>;
  /** How many rows `rows` gives, for the progress bar, when it gives no array. */
  count?(data: Data): number;
  /** A last row, in bold (合计), as the family counts it. */
  totals?(data: Data, context: LedgerContext): Row;
}

export interface Ledger<Data> {
  /** `shequ report <name>`. */
  name: string;
  /** What `shequ report --help` says of it: Chinese first, English in brackets. */
  description: string;
  /** Its title: the first line of every sheet and the default file name. */
  title: MessageKey;
  period: PeriodKind;
  load(tx: Tx, context: LedgerContext): Promise<Data>;
  /** The JSON ledger. */
  json(data: Data, context: LedgerContext): unknown;
  sheets: readonly LedgerSheet<Data>[];
  /** A last sheet of plain text (说明), without a table. */
  notes?: { name: MessageKey; text(context: LedgerContext): string };
  /** What the summary line says was exported (「5 人的 2026-09 考勤」); the title and period by default. */
  summary?(data: Data, context: LedgerContext): string;
}

/** A sheet whose rows have their own type, among a ledger's sheets. */
export function sheet<Data, Row>(declared: LedgerSheet<Data, Row>): LedgerSheet<Data> {
  return declared;
}

/** A column of a sheet: its header's catalog key, its width, how its cells are written and read. */
export function column<Row>(header: MessageKey, width: number, kind: ColumnKind, value: (row: Row, context: LedgerContext) => CellInput): LedgerColumn<Row> {
  return { header, width, kind, value };
}
