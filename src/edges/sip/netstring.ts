/** Netstrings (`<length>:<bytes>,`), the framing of Kamailio's evapi socket. */

export function encodeNetstring(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length}:`), body, Buffer.from(',')]);
}

/** Collects bytes as they arrive and returns the complete messages so far. */
export class NetstringReader {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxLength = 1024 * 1024) {}

  push(chunk: Buffer): string[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const messages: string[] = [];
    for (;;) {
      const colon = this.pending.indexOf(0x3a);
      if (colon < 0) {
        if (this.pending.length > 12) throw new Error('evapi: a netstring length is missing');
        break;
      }
      const length = Number(this.pending.toString('latin1', 0, colon));
      if (!Number.isInteger(length) || length < 0 || length > this.maxLength)
        throw new Error(`evapi: bad netstring length ${JSON.stringify(this.pending.toString('latin1', 0, colon))}`);
      const end = colon + 1 + length;
      if (this.pending.length < end + 1) break;
      if (this.pending[end] !== 0x2c) throw new Error('evapi: a netstring does not end with a comma');
      messages.push(this.pending.toString('utf8', colon + 1, end));
      this.pending = this.pending.subarray(end + 1);
    }
    return messages;
  }
}
