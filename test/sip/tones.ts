/** Caller audio whose content changes every second (a tone per second), and finding those tones again in a recording. */
import alawmulaw from 'alawmulaw';
import { writePcapRtp } from '../../src/edges/sip/recording/pcap.js';

export const toneOf = (second: number) => 500 + 150 * second;

/** `seconds` seconds of A-law RTP (20 ms packets), second s a pure tone at toneOf(first + s). */
export function tonePcap(seconds: number, first = 0): Buffer {
  const packets = [];
  for (let p = 0; p < seconds * 50; p++) {
    const payload = Buffer.alloc(160);
    for (let i = 0; i < 160; i++) {
      const n = p * 160 + i;
      payload[i] = alawmulaw.alaw.encodeSample(8000 * Math.sin((2 * Math.PI * toneOf(first + Math.floor(n / 8000)) * n) / 8000));
    }
    packets.push({ time: 1_700_000_000 + p * 0.02, payloadType: 8, sequence: p, timestamp: p * 160, payload });
  }
  return writePcapRtp(packets);
}

/** Goertzel: the power of one frequency in a window of samples. */
function power(samples: Int16Array, start: number, length: number, frequency: number): number {
  const k = 2 * Math.cos((2 * Math.PI * frequency) / 8000);
  let s1 = 0;
  let s2 = 0;
  for (let i = start; i < start + length; i++) {
    const s0 = samples[i]! + k * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - k * s1 * s2;
}

/** The source seconds whose tone dominates some 100 ms window of the recording. */
export function tonesIn(samples: Int16Array, seconds: number): Set<number> {
  const found = new Set<number>();
  const window = 800;
  for (let start = 0; start + window <= samples.length; start += window) {
    const powers = Array.from({ length: seconds }, (_, s) => power(samples, start, window, toneOf(s)));
    const best = powers.indexOf(Math.max(...powers));
    const total = powers.reduce((sum, p) => sum + p, 0);
    if (total > 0 && powers[best]! / total > 0.8 && powers[best]! > 1e9) found.add(best);
  }
  return found;
}
