import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** One data row of a sheet, with its row number as a person sees it in Excel (header = row 1). */
export interface SheetRow {
  rowNumber: number;
  cells: Record<string, string>;
}

/** Excel on Chinese Windows saves CSV in GBK: read UTF-8 when it is valid, GB18030 otherwise. */
function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

export async function readSheet(file: string): Promise<SheetRow[]> {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') {
    const records = parse(decodeText(fs.readFileSync(file)), { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
    const [header = [], ...body] = records;
    return body.map((cells, index) => ({
      rowNumber: index + 2,
      cells: Object.fromEntries(header.map((name, column) => [name.trim(), (cells[column] ?? '').trim()])),
    }));
  }
  if (extension === '.xlsx') {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const header: string[] = [];
    sheet.getRow(1).eachCell((cell, column) => (header[column] = cellText(cell.value).trim()));
    const rows: SheetRow[] = [];
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber === 1) return;
      const cells: Record<string, string> = {};
      header.forEach((name, column) => name && (cells[name] = cellText(row.getCell(column).value).trim()));
      if (Object.values(cells).some((v) => v !== '')) rows.push({ rowNumber, cells });
    });
    return rows;
  }
  throw new Error(`只能导入 .csv 或 .xlsx 文件 (only .csv or .xlsx): ${file}`);
}
