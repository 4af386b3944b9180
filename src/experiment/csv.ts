/**
 * CSV (RFC 4180): fields quoted when they hold a comma, a quote or a line break; quotes doubled;
 * CRLF-free (a line feed ends each record, which every CSV reader accepts).
 *
 * Spreadsheet-safe (issue 16 item 9): a text cell that begins with `=`, `+`, `-`, `@`, a tab or a
 * carriage return would be run as a formula by Excel, LibreOffice or Google Sheets (CSV injection,
 * e.g. a crafted `=HYPERLINK(...)` policy name); such a cell is written with a leading `'`, as
 * OWASP recommends and spreadsheet-safe writers do. Numbers (and text that is a plain number, such
 * as `-0.5`) stay as they are.
 */
import { DoubleDutchError } from '../errors.js';

/** A cell value: numbers are written in full precision, undefined as an empty field. */
export type CsvValue = string | number | boolean | undefined | null | { toString(): string };

const FORMULA_LEADING = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function field(value: CsvValue): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  if (typeof value !== 'number' && FORMULA_LEADING.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Formats rows as CSV with a header of `columns`, in that order.
 *
 * @category experiments
 */
export function toCsv(
  columns: readonly string[],
  rows: readonly Readonly<Record<string, CsvValue>>[],
): string {
  const lines = [columns.map(field).join(',')];
  for (const row of rows) lines.push(columns.map((c) => field(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * Parses CSV produced by {@link toCsv} (or any RFC 4180 file) into records keyed by the header.
 * Throws a `DoubleDutchError` (code `malformed_csv`) for a quote that is never closed.
 *
 * @category experiments
 */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += c;
  }
  if (quoted)
    throw new DoubleDutchError(
      'malformed_csv',
      `a quoted field is never closed (record ${records.length + 1})`,
      'csv',
    );
  if (cell !== '' || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  const [header, ...body] = records;
  if (header === undefined) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
