/**
 * CSV for downloads (RFC 4180). A cell that a spreadsheet would run as a formula (starting with
 * =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe, so a downloaded file
 * never executes anything when opened (X5's rule, applied to every export).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
