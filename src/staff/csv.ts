/** Spreadsheets staff download (the KPI report, applications, 360Giving), safe to open in Excel. Pure. */
import { stringify } from 'csv-stringify/sync';

/**
 * A cell that a spreadsheet would run as a formula (starting = + - @, or a tab or carriage return that
 * hides one) gets a leading apostrophe, as OWASP advises; numbers are left as numbers.
 */
export function safeCell(value: string | number | boolean | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A CSV file with a header row, every cell guarded, lines ending CRLF (RFC 4180) and a BOM so Excel reads UTF-8. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return `\uFEFF${stringify([header.map(safeCell), ...rows.map((row) => row.map(safeCell))], { record_delimiter: 'windows' })}`;
}

/** The headers a staff download is sent with: its type, as a file with this name, never cached. */
export function downloadHeaders(fileName: string, type: 'csv' | 'json'): Record<string, string> {
  return {
    'content-type': type === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    'content-disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  };
}
