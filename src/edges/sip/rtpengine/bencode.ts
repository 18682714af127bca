/**
 * Bencode, the encoding of rtpengine's ng control protocol, through the `bencode` package
 * (docs/decisions/0104-maintained-codecs.md). Its byte strings come back as UTF-8 text here:
 * `decode(data, 'utf8')` fails on dictionaries in bencode 4.0.1, so the text is made afterwards.
 */
import bencodePackage from 'bencode';

export type Bencoded = string | number | Bencoded[] | { [key: string]: Bencoded };

export function bencode(value: Bencoded): Buffer {
  return Buffer.from(bencodePackage.encode(checked(value)));
}

/** Decodes one value; strings come back as UTF-8 text. */
export function bdecode(input: Buffer): Bencoded {
  return asText(bencodePackage.decode(input));
}

/**
 * Only what the ng protocol carries and what comes back as sent: a number that is not an integer
 * would be rounded silently, and a `__proto__` key would be dropped by the package's decoder (it
 * assigns keys on a plain object). Either is refused here, naming it.
 */
function checked(value: Bencoded): Bencoded {
  if (typeof value === 'number' && !Number.isInteger(value)) throw new Error(`bencode: ${value} is not an integer`);
  if (Array.isArray(value)) value.forEach(checked);
  else if (typeof value === 'object') {
    if (Object.hasOwn(value, '__proto__')) throw new Error('bencode: a dictionary key "__proto__" cannot be sent');
    Object.values(value).forEach(checked);
  }
  return value;
}

function asText(value: unknown): Bencoded {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map(asText);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asText(item)]));
  throw new Error('bencode: malformed input');
}
