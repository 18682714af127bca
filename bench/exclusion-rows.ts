/** Exclusion-list rows for the P5 benchmark. */
import { isValidNanpNationalNumber } from '../src/domain/nanp.js';

/**
 * `count` distinct valid NANP numbers, written as people write them (four formats in turn), with
 * an area code every 50th row.
 */
export function exclusionRows(count: number): string[] {
  const out: string[] = [];
  for (let candidate = 0; out.length < count; candidate++) {
    if (out.length % 50 === 49) {
      out.push(String(201 + (out.length % 700)).replace(/11$/, '12'));
      continue;
    }
    const national = `${201 + (candidate % 700)}${200 + (Math.floor(candidate / 700) % 700)}${String(Math.floor(candidate / 490_000) % 10_000).padStart(4, '0')}`;
    if (!isValidNanpNationalNumber(national)) continue;
    const [npa, nxx, line] = [national.slice(0, 3), national.slice(3, 6), national.slice(6)];
    out.push([`(${npa}) ${nxx}-${line}`, `${npa}.${nxx}.${line}`, `+1 ${npa} ${nxx} ${line}`, `1-${npa}-${nxx}-${line}`][out.length % 4]!);
  }
  return out;
}
