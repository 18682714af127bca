/**
 * X5: checks an XLSX (a zip of XML parts) before any spreadsheet code reads it. Every part is
 * inflated here with a hard cap on the total output, so a zip bomb stops at the limit whatever
 * its headers claim; encrypted entries, unknown compression and XML entity declarations (the
 * "billion laughs" family) are refused.
 */
import { inflateRawSync } from 'node:zlib';
import { FileRejected } from './limits.js';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Throws FileRejected unless `zip` is a plain, bounded zip whose XML declares no entities. */
export function checkXlsxZip(zip: Buffer, maxUncompressedBytes: number): void {
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new FileRejected('xlsx_too_large', 'The workbook is too large (ZIP64) to import.');
  let budget = maxUncompressedBytes;
  for (let i = 0; i < count; i++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL) throw corrupt();
    const flags = zip.readUInt16LE(offset + 8);
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if ((flags & 0x1) !== 0) throw new FileRejected('xlsx_encrypted', 'The workbook is encrypted: save it without a password and upload it again.');
    if (method !== 0 && method !== 8) throw new FileRejected('xlsx_unsupported', `The workbook part "${name}" uses a compression Switchboard does not read.`);
    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL) throw corrupt();
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) throw corrupt();
    let content: Buffer;
    try {
      content = method === 0 ? data : inflateRawSync(data, { maxOutputLength: budget + 1 });
    } catch (error) {
      if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxUncompressedBytes);
      throw corrupt();
    }
    budget -= content.length;
    if (budget < 0) throw tooLarge(maxUncompressedBytes);
    if (/\.(xml|rels)$/i.test(name) && /<!(DOCTYPE|ENTITY)/i.test(content.toString('latin1'))) {
      throw new FileRejected('xlsx_entities', `The workbook part "${name}" declares XML entities, which Switchboard refuses to read.`);
    }
  }
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes, after which comes a comment of at most 65,535 bytes.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD) return at;
  }
  throw corrupt();
}

const corrupt = () => new FileRejected('xlsx_corrupt', 'The workbook is damaged or not an .xlsx file: open it in your spreadsheet and save it again as .xlsx.');
const tooLarge = (limit: number) =>
  new FileRejected('xlsx_too_large', `The workbook holds more than ${Math.round(limit / 1024 / 1024)} MB once uncompressed: split it, or upload it as CSV.`);
