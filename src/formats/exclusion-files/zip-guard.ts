/**
 * X5: checks an XLSX (a zip of XML parts) before any spreadsheet code reads it. The zip's two
 * descriptions of itself (the central directory at the end, the local headers exceljs reads in
 * order) must agree entry by entry, with nothing hidden between them; every part is inflated here
 * with a hard cap on the total output, so a zip bomb stops at the limit whatever its headers
 * claim. Encrypted entries, unknown compression and XML entity declarations (the "billion laughs"
 * family) are refused. Inflating runs on libuv's thread pool, off the event loop.
 */
import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import { FileRejected } from './limits.js';

const inflate = promisify(inflateRaw);
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const DATA_DESCRIPTOR_FLAG = 0x8;

interface Entry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localOffset: number;
}

/** Throws FileRejected unless `zip` is a plain, consistent, bounded zip whose XML declares no entities. */
export async function checkXlsxZip(zip: Buffer, maxUncompressedBytes: number): Promise<void> {
  const { entries, directoryOffset } = readCentralDirectory(zip);
  let budget = maxUncompressedBytes;
  let expected = 0; // the local entries must follow each other from the first byte to the directory
  for (const entry of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    if ((entry.flags & 0x1) !== 0)
      throw new FileRejected('xlsx_encrypted', 'The workbook is encrypted: save it without a password and upload it again.');
    if (entry.method !== 0 && entry.method !== 8)
      throw new FileRejected('xlsx_unsupported', `The workbook part "${entry.name}" uses a compression Switchboard does not read.`);
    if (entry.localOffset !== expected) throw corrupt();
    const dataStart = checkLocalHeader(zip, entry);
    const data = zip.subarray(dataStart, dataStart + entry.compressedSize);
    if (data.length !== entry.compressedSize) throw corrupt();
    expected = dataStart + entry.compressedSize;
    if ((entry.flags & DATA_DESCRIPTOR_FLAG) !== 0) expected += descriptorLength(zip, expected);
    let content: Buffer;
    try {
      content = entry.method === 0 ? data : await inflate(data, { maxOutputLength: Math.max(1, budget + 1) });
    } catch (error) {
      if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxUncompressedBytes);
      throw corrupt();
    }
    if (content.length !== entry.uncompressedSize) throw corrupt();
    budget -= content.length;
    if (budget < 0) throw tooLarge(maxUncompressedBytes);
    if (/\.(xml|rels|vml)$/i.test(entry.name) && /<!(DOCTYPE|ENTITY)/i.test(content.toString('latin1'))) {
      throw new FileRejected(
        'xlsx_entities',
        `The workbook part "${entry.name}" declares XML entities, which Switchboard refuses to read.`,
      );
    }
  }
  if (expected !== directoryOffset) throw corrupt();
}

function readCentralDirectory(zip: Buffer): { entries: Entry[]; directoryOffset: number } {
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  const directoryOffset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff)
    throw new FileRejected('xlsx_too_large', 'The workbook is too large (ZIP64) to import.');
  const entries: Entry[] = [];
  let offset = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL) throw corrupt();
    const nameLength = zip.readUInt16LE(offset + 28);
    entries.push({
      flags: zip.readUInt16LE(offset + 8),
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      uncompressedSize: zip.readUInt32LE(offset + 24),
      localOffset: zip.readUInt32LE(offset + 42),
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  if (offset !== end) throw corrupt();
  return { entries, directoryOffset };
}

/** The local header must say what the directory says; returns where the entry's data starts. */
function checkLocalHeader(zip: Buffer, entry: Entry): number {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) throw corrupt();
  const nameLength = zip.readUInt16LE(at + 26);
  const sameSizes =
    (entry.flags & DATA_DESCRIPTOR_FLAG) !== 0 ||
    (zip.readUInt32LE(at + 18) === entry.compressedSize && zip.readUInt32LE(at + 22) === entry.uncompressedSize);
  if (
    zip.readUInt16LE(at + 6) !== entry.flags ||
    zip.readUInt16LE(at + 8) !== entry.method ||
    !sameSizes ||
    zip.toString('utf8', at + 30, at + 30 + nameLength) !== entry.name
  ) {
    throw corrupt();
  }
  return at + 30 + nameLength + zip.readUInt16LE(at + 28);
}

/** A data descriptor after an entry's data: crc and sizes, with or without its signature. */
function descriptorLength(zip: Buffer, at: number): number {
  return at + 4 <= zip.length && zip.readUInt32LE(at) === DESCRIPTOR ? 16 : 12;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes, after which comes a comment of at most 65,535 bytes.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD) return at;
  }
  throw corrupt();
}

const corrupt = () =>
  new FileRejected('xlsx_corrupt', 'The workbook is damaged or not an .xlsx file: open it in your spreadsheet and save it again as .xlsx.');
const tooLarge = (limit: number) =>
  new FileRejected(
    'xlsx_too_large',
    `The workbook holds more than ${Math.round(limit / 1024 / 1024)} MB once uncompressed: split it, or upload it as CSV.`,
  );
