import type ExcelJS from 'exceljs';

/**
 * Reads a ledger sheet as an office reader does: the header row is found by its content (a column
 * name in it), whatever title block sits above it, and each row below is keyed by the header text.
 */
export function headerRowOf(sheet: ExcelJS.Worksheet, column: string): number {
  for (let n = 1; n <= sheet.rowCount; n++) {
    if ((sheet.getRow(n).values as unknown[]).includes(column)) return n;
  }
  throw new Error(`no header row with "${column}" in ${sheet.name}`);
}

/** The header texts of the sheet, in order. */
export function headerOf(sheet: ExcelJS.Worksheet, column: string): string[] {
  return (sheet.getRow(headerRowOf(sheet, column)).values as unknown[]).slice(1).map(String);
}

/** The rows under the header, each a list of its cell values ('' for an empty cell), as many as the header has columns. */
export function linesOf(sheet: ExcelJS.Worksheet, column: string): unknown[][] {
  const header = headerRowOf(sheet, column);
  const width = headerOf(sheet, column).length;
  const lines: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n > header) lines.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).value ?? ''));
  });
  return lines;
}

/** The rows under the header as objects keyed by the header text. */
export function recordsOf(sheet: ExcelJS.Worksheet, column: string): Record<string, unknown>[] {
  const header = headerOf(sheet, column);
  return linesOf(sheet, column).map((line) => Object.fromEntries(header.map((h, i) => [h, line[i]])));
}

/**
 * An office-time date, date-time or clock time as Excel holds it and exceljs reads it back: the
 * wall clock as a UTC Date ('2026-11-23 16:05' → 2026-11-23T16:05Z; a time alone is on 1899-12-30).
 */
export function officeCell(text: string): Date {
  if (/^\d{2}:\d{2}(:\d{2})?$/.test(text)) return new Date(`1899-12-30T${text}Z`);
  return new Date(`${text.replace(' ', 'T')}${text.length > 10 ? '' : 'T00:00'}Z`);
}
