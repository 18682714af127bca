/** X5: what an uploaded exclusion file may be, so that no file can exhaust the server. */
export interface ImportLimits {
  /** The upload itself (default 20 MB). */
  readonly maxBytes: number;
  /** Rows read, header and blank lines included (default 1,000,000). */
  readonly maxRows: number;
  /** An XLSX's parts once uncompressed, all together (default 200 MB): a zip bomb stops here. */
  readonly maxUncompressedBytes: number;
}

export const DEFAULT_LIMITS: ImportLimits = { maxBytes: 20 * 1024 * 1024, maxRows: 1_000_000, maxUncompressedBytes: 200 * 1024 * 1024 };

/** A file that cannot be imported: the message says why, for the person who chose it. */
export class FileRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
