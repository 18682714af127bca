/**
 * P5: where a CSV can be cut so that each part is read on its own core. A cut falls just after a
 * record's line break, found by reading the bytes as the parser (csv-parse, with the importer's
 * options) reads them: a quote opens a quoted cell only at a cell's start, two quotes in one are a
 * quote, a quote inside an unquoted cell is text (`relax_quotes`). So no record is split, and a
 * later part's first row number is the count of line breaks before its cut, plus one (every line
 * is a record, blank ones too: the row numbers a spreadsheet shows). Where the file leaves any
 * doubt (a quoted cell closed and then followed by text, line ends of more than one kind, old Mac
 * line ends), it is not cut: one pass reads it and reports what it must.
 */
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

export interface CsvPart {
  readonly start: number;
  readonly end: number;
  /** The row number of the part's first record. */
  readonly firstRow: number;
}

const enum State {
  CellStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted cell: its end, or the first of two. */
  QuoteInQuoted,
}

/**
 * The file in `count` parts of about equal size, or fewer when no cut fits (a short file, one long
 * quoted cell, a file that leaves doubt: one part).
 */
export function splitCsv(file: Buffer, delimiter: ',' | ';', count = 2): readonly CsvPart[] {
  const whole = [{ start: 0, end: file.length, firstRow: 1 }];
  const separator = delimiter.charCodeAt(0);
  const parts: CsvPart[] = [];
  let start = 0;
  let firstRow = 1;
  let rows = 0;
  /** The file's line end: '\n' or '\r\n', as the parser finds it at the first one. */
  let crlf: boolean | undefined;
  let state = State.CellStart;
  const bom = file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf ? 3 : 0;
  for (let at = bom; at < file.length && parts.length < count - 1; at++) {
    const byte = file[at]!;
    if (state === State.Quoted) {
      if (byte === QUOTE) state = State.QuoteInQuoted;
      continue;
    }
    if (state === State.QuoteInQuoted && byte === QUOTE) {
      state = State.Quoted;
      continue;
    }
    if (byte === CR) {
      if (file[at + 1] !== LF || crlf === false) return whole;
      crlf = true;
      continue;
    }
    if (byte === LF) {
      if (file[at - 1] === CR) {
        if (crlf !== true) return whole;
      } else if (crlf === true) return whole;
      crlf ??= false;
      rows++;
      state = State.CellStart;
      if (at >= Math.floor((file.length * (parts.length + 1)) / count) && at + 1 < file.length) {
        parts.push({ start, end: at + 1, firstRow });
        start = at + 1;
        firstRow = rows + 1;
      }
      continue;
    }
    if (byte === separator) state = State.CellStart;
    else if (state === State.QuoteInQuoted) return whole;
    else if (state === State.CellStart) state = byte === QUOTE ? State.Quoted : State.Unquoted;
  }
  parts.push({ start, end: file.length, firstRow });
  return parts;
}
