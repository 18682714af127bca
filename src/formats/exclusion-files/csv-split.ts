/**
 * P5: where a CSV can be cut in two so that each part is read on its own core. A cut falls just
 * after a line break that is outside quotes (an even number of quote characters before it: RFC
 * 4180 writes a quote inside a quoted cell as two), so no record is split; the second part's
 * first row number is the count of those line breaks before the cut, plus one (every line is a
 * record, blank ones too: the row numbers a spreadsheet shows).
 */
const NEWLINE = 0x0a;
const QUOTE = 0x22;

export interface CsvPart {
  readonly start: number;
  readonly end: number;
  /** The row number of the part's first record. */
  readonly firstRow: number;
}

/** The file in two parts near its middle, or one part when no cut fits (a short file, one long quoted cell). */
export function splitCsv(file: Buffer): readonly CsvPart[] {
  const middle = file.length >> 1;
  let quotes = 0;
  let rows = 0;
  for (let at = 0; at < file.length; at++) {
    const byte = file[at]!;
    if (byte === QUOTE) quotes++;
    else if (byte === NEWLINE && (quotes & 1) === 0) {
      rows++;
      if (at >= middle && at + 1 < file.length)
        return [
          { start: 0, end: at + 1, firstRow: 1 },
          { start: at + 1, end: file.length, firstRow: rows + 1 },
        ];
    }
  }
  return [{ start: 0, end: file.length, firstRow: 1 }];
}
