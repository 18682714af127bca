/**
 * CSV for downloads (RFC 4180). A cell that a spreadsheet would run as a formula is prefixed with
 * an apostrophe, so a downloaded file never executes anything when opened (X5's rule, applied to
 * every export).
 */
import { formulaSafe } from './formula-safe.js';

export function csvCell(value: unknown): string {
  const text = formulaSafe(value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
