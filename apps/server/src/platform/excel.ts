import ExcelJS from 'exceljs';
import { AppError } from './errors.js';

/** A column of an export: its header reads "中文 English", as every export of the platform does. */
export type TXlsxColumn<K extends string = string> = { key: K; header: string; width: number; numFmt?: string };

/**
 * One workbook for every export: a sheet of rows under bold bilingual headers and, when given, a second sheet
 * naming the filter the rows were taken with (so a file says what the screen showed).
 */
export async function toXlsx<K extends string>(
  sheet: string,
  columns: TXlsxColumn<K>[],
  rows: Partial<Record<K, unknown>>[],
  filter?: [string, unknown][],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhilv 智旅';
  const ws = wb.addWorksheet(sheet);
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  columns.forEach((c, i) => {
    if (c.numFmt) ws.getColumn(i + 1).numFmt = c.numFmt;
  });
  if (filter) wb.addWorksheet('筛选条件 Filter').addRows(filter);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook of several sheets, each as `toXlsx` lays one out (e.g. a person's data export, one sheet a kind). */
export async function toXlsxBook(
  sheets: { name: string; columns: TXlsxColumn[]; rows: Record<string, unknown>[] }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhilv 智旅';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A cell as the text a person typed: rich text joined, formulas by their result, trimmed. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && !(v instanceof Date)) {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v).trim();
}

/**
 * The first sheet of an uploaded workbook and where each header stands. A file that is not a workbook, or has
 * no sheet, is a 422 on `file` — never a 500.
 */
export async function readFirstSheet(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('import_failed', 422, 'file');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('import_failed', 422, 'file');
  const headerIndex = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => headerIndex.set(cellText(cell.value), col));
  return { ws, headerIndex };
}
