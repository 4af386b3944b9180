/**
 * CSV (RFC 4180): fields quoted when they hold a comma, a quote or a line break; quotes doubled;
 * CRLF-free (a line feed ends each record, which every CSV reader accepts).
 */

/** A cell value: numbers are written in full precision, undefined as an empty field. */
export type CsvValue = string | number | boolean | undefined | null | { toString(): string };

function field(value: CsvValue): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
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
  if (cell !== '' || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  const [header, ...body] = records;
  if (header === undefined) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
