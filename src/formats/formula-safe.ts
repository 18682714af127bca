/**
 * X5: a cell a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
 * return) gets a leading apostrophe in every file Switchboard writes, so opening a download never
 * executes anything. Readers of uploaded files drop one leading apostrophe, so values round-trip.
 *
 * A bare E.164 number (`+16198675309`: a plus and digits only) is written as it is: it can hold no
 * function, reference or link, so there is nothing to run, and the guard would otherwise leak into
 * every plain number of a download (decision 0118).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const BARE_E164 = /^\+[1-9]\d{6,14}$/;

export function formulaSafe(text: string): string {
  return FORMULA_START.test(text) && !BARE_E164.test(text) ? `'${text}` : text;
}
