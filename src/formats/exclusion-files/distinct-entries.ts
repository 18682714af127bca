/**
 * P5: a file's entries kept once each, as numbers. An entry (a 3-digit area code, or E.164 with up
 * to 15 digits) is one exact integer, so a million entries take 8 MB and are made distinct by one
 * numeric sort: tens of milliseconds, where a `Set` of a million strings took half a second and
 * sorting them another third. They come out in text order, the order the list is written in: an
 * E.164 number's key is its digits (no leading 0, so they come back exactly), which orders numbers
 * of one length as their text does; a list mixing lengths is sorted as text once more. Area codes
 * come after every number ('+' sorts before the digits). libphonenumber accepts a few national
 * numbers longer than E.164's 15 digits: those are kept as text, apart, and sorted in.
 */

/** Past every number of up to 15 digits. */
const AREA_CODES = 2e15;
/** The last four digits of a number, as text (a number's text is its first digits, then these). */
const LAST_FOUR = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0'));

/** The key of a stored value, or undefined when no key holds it (kept as text). */
export function keyOf(value: string): number | undefined {
  if (value.length === 3 && value.charCodeAt(0) !== 43 /* '+' */) {
    return /^[1-9]\d\d$/.test(value) ? AREA_CODES + Number(value) : undefined;
  }
  // E.164 never starts with 0 (a 0 would not come back from the number).
  if (value.charCodeAt(0) !== 43 || value.length < 2 || value.length > 16 || value.charCodeAt(1) === 48) return undefined;
  let key = 0;
  for (let i = 1; i < value.length; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    key = key * 10 + digit;
  }
  return key;
}

/** The stored value a key was made from. */
export function valueOfKey(key: number): string {
  if (key >= AREA_CODES) return String(key - AREA_CODES);
  // Two small integers' texts are quicker to make than one large one's (a million of them: 0.1 s, not 0.2).
  const first = Math.floor(key / 10_000);
  return first === 0 ? `+${key}` : `+${first}${LAST_FOUR[key - first * 10_000]!}`;
}

export class DistinctEntries {
  private keys = new Float64Array(1 << 12);
  private size = 0;
  /** Entries no key holds (more than 15 digits), and how often they came. */
  private readonly apart = new Set<string>();
  private apartSeen = 0;

  add(value: string): void {
    const key = keyOf(value);
    if (key === undefined) {
      this.apart.add(value);
      this.apartSeen++;
      return;
    }
    if (this.size === this.keys.length) this.grow(this.size + 1);
    this.keys[this.size++] = key;
  }

  /** Every entry of another reader's part (another thread's: see `transferable`). */
  addAll(part: PartEntries): void {
    if (this.size + part.keys.length > this.keys.length) this.grow(this.size + part.keys.length);
    this.keys.set(part.keys, this.size);
    this.size += part.keys.length;
    for (const value of part.apart) this.apart.add(value);
    this.apartSeen += part.apartSeen;
  }

  /** The entries as they came, to hand to another thread: the keys copied once into a buffer of their size, which is then moved, not copied again. */
  transferable(): PartEntries {
    return { keys: this.keys.slice(0, this.size), apart: [...this.apart], apartSeen: this.apartSeen };
  }

  /** Each entry once, in text order (the order the list is written in), and how many came again. */
  distinct(): { values: string[]; repeated: number } {
    const keys = this.keys.subarray(0, this.size).sort();
    let values: string[] = [];
    let inTextOrder = true;
    for (let i = 0; i < keys.length; i++) {
      if (i > 0 && keys[i] === keys[i - 1]) continue;
      const value = valueOfKey(keys[i]!);
      // Numbers of different lengths: 9 before 12 as numbers, "+12" before "+9" as text.
      if (inTextOrder && values.length > 0 && values[values.length - 1]! > value) inTextOrder = false;
      values.push(value);
    }
    const repeated = this.size - values.length + this.apartSeen - this.apart.size;
    if (this.apart.size > 0) values = [...values, ...this.apart];
    if (!inTextOrder || this.apart.size > 0) values.sort();
    return { values, repeated };
  }

  private grow(atLeast: number): void {
    let capacity = this.keys.length * 2;
    while (capacity < atLeast) capacity *= 2;
    const keys = new Float64Array(capacity);
    keys.set(this.keys.subarray(0, this.size));
    this.keys = keys;
  }
}

/** One reader's entries, as they travel between threads. */
export interface PartEntries {
  readonly keys: Float64Array;
  readonly apart: readonly string[];
  readonly apartSeen: number;
}
