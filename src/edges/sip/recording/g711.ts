/** G.711 A-law and µ-law (ITU-T G.711), 8-bit samples to and from 16-bit linear PCM. */

const ALAW_DECODE = new Int16Array(256);
const ULAW_DECODE = new Int16Array(256);
for (let i = 0; i < 256; i++) {
  const a = i ^ 0x55;
  let t = (a & 0x0f) << 4;
  const segment = (a & 0x70) >> 4;
  if (segment === 0) t += 8;
  else if (segment === 1) t += 0x108;
  else t = (t + 0x108) << (segment - 1);
  ALAW_DECODE[i] = (a & 0x80) !== 0 ? t : -t;

  const u = ~i & 0xff;
  let v = ((u & 0x0f) << 3) + 0x84;
  v <<= (u & 0x70) >> 4;
  ULAW_DECODE[i] = (u & 0x80) !== 0 ? 0x84 - v : v - 0x84;
}

export function decodeAlaw(byte: number): number {
  return ALAW_DECODE[byte & 0xff]!;
}

export function decodeUlaw(byte: number): number {
  return ULAW_DECODE[byte & 0xff]!;
}

const SEGMENT_ENDS = [0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff, 0x3fff, 0x7fff];

/** 16-bit linear to A-law (the tests synthesise callers' audio with it). */
export function encodeAlaw(sample: number): number {
  let pcm = Math.max(-32768, Math.min(32767, Math.round(sample))) >> 3;
  let mask: number;
  if (pcm >= 0) {
    mask = 0xd5;
  } else {
    mask = 0x55;
    pcm = -pcm - 1;
  }
  let segment = 0;
  while (segment < 8 && pcm > SEGMENT_ENDS[segment]! >> 3) segment++;
  if (segment >= 8) return 0x7f ^ mask;
  const value = (segment << 4) | (segment < 2 ? (pcm >> 1) & 0x0f : (pcm >> segment) & 0x0f);
  return value ^ mask;
}
