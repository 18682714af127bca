/**
 * X3: turns the rows of an uploaded file into exclusion entries, like a person reading it: a
 * header or none; the columns named like number / phone / area code (without a header, the first
 * filled cell of each row); blank rows ignored; each bad cell reported with its row number.
 */
import { cellText, readExclusionCell } from '../../domain/exclusion-cell.js';
import { DistinctEntries, type PartEntries } from './distinct-entries.js';
import { FileRejected } from './limits.js';

export type Cell = string | number;

export interface InvalidRow {
  readonly row: number;
  readonly value: string;
  readonly reason: string;
}

/** What a file's first filled row said (a later part of the file read apart goes by it). */
export interface HeaderReading {
  readonly hadHeader: boolean;
  readonly columns: readonly number[] | null;
}

export interface FileReading {
  /** Rows with something in them: an entry or an invalid cell. A header and blank rows are not counted. */
  readonly rowsRead: number;
  /** Whether the file had a header row (the blank template is a header alone). */
  readonly hadHeader: boolean;
  /** Every entry of the file once (E.164 numbers and 3-digit area codes), in text order: the order the list is written in (P5). */
  readonly values: readonly string[];
  /** Entries that appeared again further down. */
  readonly repeated: number;
  /** The first invalid rows (at most MAX_REPORTED), and how many there are in all. */
  readonly invalid: readonly InvalidRow[];
  readonly invalidCount: number;
}

export const MAX_REPORTED = 1000;

export const tooManyRows = (maxRows: number) =>
  new FileRejected('too_many_rows', `The file has more than ${maxRows.toLocaleString('en-US')} rows: split it into smaller files.`);
/** Column names that are exactly an entry column ("Phone", "Area code", "Number or area code"). */
const ENTRY_NAME =
  /^(?:(?:excluded |exclusion |phone |telephone |mobile |cell )?(?:phone|telephone|tel|mobile|cell|number|numbers|area ?codes?|entry|entries|value)(?: number)?(?: or area code)?|number or area code)$/i;
/** Names that mention one in passing ("Customer phone", "Account number"): used when none is exact. */
const ENTRY_WORD = /\b(?:phone|telephone|tel|mobile|cell|number|area ?code|exclu\w*)\b/i;

export class RowCollector {
  /** Rows with content (what `rowsRead` reports, and the row limit counts). */
  private rows = 0;
  /** Every row seen, blank ones too (progress on a terminal). */
  private seenRows = 0;
  /** The last row a cell of which was rejected before the row itself arrived (XLSX). */
  private rejectedRow = 0;
  private headerSeen = false;
  private hadHeader = false;
  private columns: readonly number[] | null = null;
  /** Every entry as it came (kept distinct when the reading ends: P5). */
  private readonly entries = new DistinctEntries();
  private readonly invalid: InvalidRow[] = [];
  private invalidCount = 0;

  constructor(
    private readonly maxRows: number,
    /** Hears the count every 100,000 rows (progress on a terminal). */
    private readonly onRows?: (rows: number) => void,
    /** A later part of a file read in parts: what its first part's header said (see `header`). */
    header?: HeaderReading,
  ) {
    if (header !== undefined) {
      this.headerSeen = true;
      this.hadHeader = header.hadHeader;
      this.columns = header.columns;
    }
  }

  /**
   * What the file's first filled row says: whether it is a header, and the entry columns it names
   * (null: the first filled cell of each row). Read from its cells alone.
   */
  static header(cells: readonly (Cell | null | undefined)[]): HeaderReading {
    const collector = new RowCollector(1);
    const hadHeader = collector.readHeader(cells);
    return { hadHeader, columns: collector.columns };
  }

  get rowsRead(): number {
    return this.rows;
  }

  /** One row of the file, numbered from 1 as a spreadsheet shows it. */
  add(rowNumber: number, cells: readonly (Cell | null | undefined)[]): void {
    if (this.onRows !== undefined && ++this.seenRows % 100_000 === 0) this.onRows(this.seenRows);
    const blank = cells.every((cell) => cell === null || cell === undefined || cellText(cell) === '');
    if (blank) {
      // A blank row is skipped, unless a cell of it was refused (a date in a workbook).
      if (this.rejectedRow === rowNumber) this.count();
      return;
    }
    if (!this.headerSeen) {
      this.headerSeen = true;
      if (this.readHeader(cells)) {
        this.hadHeader = true;
        return;
      }
    }
    this.count();
    if (this.columns === null) {
      const first = cells.find((cell) => cell !== null && cell !== undefined && cellText(cell) !== '');
      if (first !== undefined && first !== null) this.take(rowNumber, first);
      return;
    }
    for (const index of this.columns) {
      const cell = cells[index];
      if (cell !== null && cell !== undefined && cellText(cell) !== '') this.take(rowNumber, cell);
    }
  }

  /** A cell the reader could not use at all (a date, an error value), before its row: reported like a bad number. */
  reject(rowNumber: number, value: string, reason: string): void {
    this.rejectedRow = rowNumber;
    this.report({ row: rowNumber, value, reason });
  }

  /** A whole row the reader refused (a CSV line of separators only): counted and reported. */
  rejectRow(rowNumber: number, value: string, reason: string): void {
    this.count();
    this.report({ row: rowNumber, value, reason });
  }

  result(): FileReading {
    const { values, repeated } = this.entries.distinct();
    return { rowsRead: this.rows, hadHeader: this.hadHeader, values, repeated, invalid: this.invalid, invalidCount: this.invalidCount };
  }

  /** A part of a file read apart (P5): its counts and its entries as they came, to join the rest (`join`). */
  partResult(): PartReading {
    return { rowsRead: this.rows, entries: this.entries.transferable(), invalid: this.invalid, invalidCount: this.invalidCount };
  }

  /** The reading of the file's next part, read apart (its rows counted, its entries and invalid rows joined to these). */
  join(part: PartReading): void {
    this.rows += part.rowsRead;
    if (this.rows > this.maxRows) throw tooManyRows(this.maxRows);
    this.entries.addAll(part.entries);
    for (const row of part.invalid) if (this.invalid.length < MAX_REPORTED) this.invalid.push(row);
    this.invalidCount += part.invalidCount;
  }

  /** One more row with content; the limit counts these (a header and blank rows come on top). */
  private count(): void {
    if (++this.rows > this.maxRows) throw tooManyRows(this.maxRows);
  }

  /**
   * The first filled row is a header when its cells are words: none is an entry, and none looks
   * like a mistyped number (five digits or more), which is reported as a bad row instead. The
   * entry columns are those named exactly like one, else those mentioning one, else the first
   * filled cell of each row.
   */
  private readHeader(cells: readonly (Cell | null | undefined)[]): boolean {
    const texts = cells.map((cell) => (cell === null || cell === undefined ? '' : cellText(cell).replace(/\s+/g, ' ')));
    const isHeader =
      texts.some((text) => /[a-z]/i.test(text)) &&
      texts.every((text) => text === '' || (readExclusionCell(text).value === undefined && (text.match(/\d/g)?.length ?? 0) < 5));
    if (!isHeader) return false;
    const exact = texts.flatMap((text, index) => (ENTRY_NAME.test(text) ? [index] : []));
    const loose = texts.flatMap((text, index) => (ENTRY_WORD.test(text) ? [index] : []));
    this.columns = exact.length > 0 ? exact : loose.length > 0 ? loose : null;
    return true;
  }

  private take(rowNumber: number, cell: Cell): void {
    const reading = readExclusionCell(cell);
    if (reading.value === undefined) {
      this.report({ row: rowNumber, value: String(cell).slice(0, 60), reason: reading.reason });
      return;
    }
    this.entries.add(reading.value);
  }

  private report(row: InvalidRow): void {
    this.invalidCount++;
    if (this.invalid.length < MAX_REPORTED) this.invalid.push(row);
  }
}

/** What a part of a file read apart (P5) hands back: its rows, its entries as they came, its invalid rows. */
export interface PartReading {
  readonly rowsRead: number;
  readonly entries: PartEntries;
  readonly invalid: readonly InvalidRow[];
  readonly invalidCount: number;
}
