import ExcelJS from 'exceljs';
import { progressBar } from '../cli/progress.ts';
import { officeDate } from '../time/office-time.ts';
import { boldStyles, cellValue, kindStyles } from './cells.ts';
import type { Ledger, LedgerColumn, LedgerContext } from './ledger.ts';

/** Rows between two moves of the progress bar; a bar is shown for a ledger of at least this many rows times ten. */
const STEP = 500;
/** Spaces between the parts of a title line, and the room left to sign in. */
const GAP = '　　';
const SIGN_HERE = '　'.repeat(10);

/**
 * The title block above every table, as the office files it: the title, the community and the
 * period, the date it was made, and room for the preparer (制表人) and reviewer (审核人) to sign.
 * Each line is one cell of text with a colon, so a reader that looks for the header row by its
 * column names never takes a title line for it.
 */
function titleBlock<Data>(ledger: Ledger<Data>, { t, period, community, now, policy }: LedgerContext): string[] {
  const periodLine = period.kind === 'week' ? t('ledger.week', { week: period.value, from: period.from, to: period.to }) : t('ledger.month', { month: period.value });
  return [
    t(ledger.title),
    [t('ledger.community', { community: community?.name ?? t('ledger.allCommunities') }), periodLine, t('ledger.madeOn', { date: officeDate(now, policy.timezone) })].join(GAP),
    [t('ledger.madeBy'), t('ledger.reviewedBy')].map((label) => `${label}${SIGN_HERE}`).join(GAP),
    '',
  ];
}

type Sheet = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']>;

function addTitle(sheet: Sheet, lines: readonly string[]): void {
  lines.forEach((line, i) => {
    const row = sheet.addRow([line || null]);
    if (i === 0) row.getCell(1).font = { bold: true, size: 14 };
    row.commit();
  });
}

/** One row; every cell of a column shares its style object, which keeps a large workbook fast. */
function addRow<Row>(sheet: Sheet, columns: readonly LedgerColumn<Row>[], row: Row, context: LedgerContext, styles: typeof kindStyles, yes: string): void {
  const added = sheet.addRow([]);
  columns.forEach((column, i) => {
    const value = cellValue(column.kind, column.value(row, context), context.policy.timezone, yes);
    if (value === null) return;
    const cell = added.getCell(i + 1);
    cell.value = value;
    cell.style = styles[column.kind];
  });
  added.commit();
}

/** Streams the ledger to an XLSX file sheet by sheet and row by row, so memory stays flat however long it is. */
export async function writeLedgerXlsx<Data>(ledger: Ledger<Data>, data: Data, context: LedgerContext, file: string): Promise<void> {
  const { t } = context;
  const yes = t('ledger.yes');
  const title = titleBlock(ledger, context);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
  const sheets = ledger.sheets.map((declared) => ({ declared, rows: declared.rows(data, context) }));
  const total = sheets.reduce((sum, { declared, rows }) => sum + (Array.isArray(rows) ? rows.length : (declared.count?.(data) ?? 0)), 0);
  const bar = progressBar(t('ledger.progress'), total, STEP * 10);
  let written = 0;
  try {
    for (const { declared, rows } of sheets) {
      const sheet = book.addWorksheet(t(declared.name), { views: [{ state: 'frozen', ySplit: title.length + 1 }] });
      sheet.columns = declared.columns.map((column) => ({ width: column.width }));
      addTitle(sheet, title);
      const header = sheet.addRow(declared.columns.map((column) => t(column.header)));
      header.eachCell((cell) => (cell.style = boldStyles.text));
      header.commit();
      for (const row of rows) {
        addRow(sheet, declared.columns, row, context, kindStyles, yes);
        if (++written % STEP === 0) bar.update(written);
      }
      if (declared.totals) addRow(sheet, declared.columns, declared.totals(data, context), context, boldStyles, yes);
      sheet.commit();
    }
    if (ledger.notes) {
      const sheet = book.addWorksheet(t(ledger.notes.name));
      sheet.columns = [{ width: 100 }];
      addTitle(sheet, title);
      const note = sheet.addRow([ledger.notes.text(context)]);
      note.getCell(1).style = kindStyles.text;
      note.commit();
      sheet.commit();
    }
    await book.commit();
  } finally {
    bar.stop();
  }
}
