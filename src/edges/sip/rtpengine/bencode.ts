/** Bencode, the encoding of rtpengine's ng control protocol: strings, integers, lists, dictionaries. */
export type Bencoded = string | number | Bencoded[] | { [key: string]: Bencoded };

export function bencode(value: Bencoded): Buffer {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`bencode: ${value} is not an integer`);
    return Buffer.from(`i${value}e`);
  }
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([Buffer.from(`${bytes.length}:`), bytes]);
  }
  if (Array.isArray(value)) return Buffer.concat([Buffer.from('l'), ...value.map(bencode), Buffer.from('e')]);
  // Dictionaries are sorted by key (the format requires it).
  const keys = Object.keys(value).sort();
  return Buffer.concat([Buffer.from('d'), ...keys.flatMap((key) => [bencode(key), bencode(value[key]!)]), Buffer.from('e')]);
}

/** Decodes one value; strings come back as UTF-8 text. */
export function bdecode(input: Buffer): Bencoded {
  let at = 0;
  const read = (): Bencoded => {
    const byte = input[at];
    if (byte === 0x69 /* i */) {
      const end = input.indexOf(0x65, at);
      const number = Number(input.toString('latin1', at + 1, end));
      at = end + 1;
      return number;
    }
    if (byte === 0x6c /* l */) {
      at++;
      const list: Bencoded[] = [];
      while (input[at] !== 0x65) list.push(read());
      at++;
      return list;
    }
    if (byte === 0x64 /* d */) {
      at++;
      const dict: Record<string, Bencoded> = {};
      while (input[at] !== 0x65) {
        const key = read();
        dict[String(key)] = read();
      }
      at++;
      return dict;
    }
    const colon = input.indexOf(0x3a, at);
    if (colon < 0) throw new Error('bencode: malformed input');
    const length = Number(input.toString('latin1', at, colon));
    const text = input.toString('utf8', colon + 1, colon + 1 + length);
    at = colon + 1 + length;
    return text;
  };
  return read();
}
