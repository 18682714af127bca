/**
 * X5: a cell a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
 * return) gets a leading apostrophe in every file Switchboard writes, so opening a download never
 * executes anything. Readers of uploaded files drop one leading apostrophe, so values round-trip.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function formulaSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
