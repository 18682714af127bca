import alawmulaw from 'alawmulaw';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callWav, joinSegments, segmentSamples, wavDurationMs, wavSamples } from './recording/call-audio.js';
import { readPcapRtp, writePcapRtp } from './recording/pcap.js';
import { WavJoiner } from './recording/wav-joiner.js';
import { bdecode, bencode } from './rtpengine/bencode.js';
import { encodeNetstring, NetstringReader } from './netstring.js';

const { alaw, mulaw } = alawmulaw;
const decodeAlaw = (byte: number) => alaw.decodeSample(byte);
const encodeAlaw = (sample: number) => alaw.encodeSample(sample);

const packet = (p: number, value: number, ssrc = 1) => ({
  time: 1000 + p * 0.02,
  payloadType: 8,
  sequence: p,
  timestamp: p * 160,
  ssrc,
  payload: Buffer.alloc(160, encodeAlaw(value)),
});

describe("the SIP edge's codecs", () => {
  it("B7 a WAV's length is read from its header (the shipped consent announcement, a call's WAV)", () => {
    expect(wavDurationMs(callWav([writePcapRtp(Array.from({ length: 150 }, (_, p) => packet(p, 1000)))]))).toBe(3000);
    const shipped = wavDurationMs(readFileSync(new URL('../../../assets/consent-announcement.wav', import.meta.url)));
    expect(shipped).toBeGreaterThan(3000);
    expect(shipped).toBeLessThan(8000);
  });

  it('netstrings: messages split anywhere come out whole and in order', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 20 }), fc.integer({ min: 1, max: 7 }), (messages, step) => {
        const bytes = Buffer.concat(messages.map(encodeNetstring));
        const reader = new NetstringReader();
        const out: string[] = [];
        for (let at = 0; at < bytes.length; at += step) out.push(...reader.push(bytes.subarray(at, at + step)));
        expect(out).toEqual(messages);
      }),
    );
    expect(() => new NetstringReader().push(Buffer.from('3:abc;'))).toThrow('comma');
  });

  it('bencode: what is encoded decodes to the same value; dictionaries sorted by key', () => {
    expect(bencode({ command: 'start recording', 'call-id': 'a@b' }).toString()).toBe('d7:call-id3:a@b7:command15:start recordinge');
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.array(tie('v'), { maxLength: 3 }),
        // "__proto__" is refused by bencode() (below): the package's decoder would drop it.
        fc.dictionary(
          fc.string().filter((key) => key !== '__proto__'),
          tie('v'),
          { maxKeys: 3 },
        ),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        expect(bdecode(bencode(v as never))).toEqual(v);
      }),
    );
    expect(() => bencode(JSON.parse('{"__proto__":0}') as never)).toThrow('dictionary key "__proto__" cannot be sent');
  });

  it("G.711 µ-law: the table's ends and middle (ITU-T G.711)", () => {
    expect([...mulaw.decode(Uint8Array.from([0xff, 0x7f, 0x00, 0x80]))]).toEqual([0, 0, -32124, 32124]);
  });

  it("G.711 A-law: decoding what was encoded stays within the codec's step", () => {
    for (let sample = -32000; sample <= 32000; sample += 97) {
      expect(Math.abs(decodeAlaw(encodeAlaw(sample)) - sample)).toBeLessThanOrEqual(Math.max(16, Math.abs(sample) / 16));
    }
  });

  it('pcap: RTP written and read back, headers and payloads intact', () => {
    const packets = [packet(0, 1000), packet(1, -1000)];
    expect(readPcapRtp(writePcapRtp(packets))).toEqual(packets.map((p) => ({ ...p })));
  });

  it('R15 one WAV per call: segments joined back to back (paused time absent), a stream placed by its RTP timestamps, directions mixed', () => {
    const first = writePcapRtp([packet(0, 1000), packet(1, 1000)]);
    // A lost packet (sequence 1) leaves silence where it belonged; the other direction is mixed in.
    const second = writePcapRtp([packet(0, 2000), packet(2, 2000), { ...packet(0, 500, 2) }]);
    expect(segmentSamples(second).length).toBe(480);
    const samples = wavSamples(callWav([first, second]));
    expect(samples.length).toBe(320 + 480);
    expect(samples[0]).toBe(decodeAlaw(encodeAlaw(1000)));
    expect(samples[320]).toBe(decodeAlaw(encodeAlaw(2000)) + decodeAlaw(encodeAlaw(500)));
    expect(samples[320 + 160 + 10]).toBe(0);
    expect(samples[320 + 320 + 10]).toBe(decodeAlaw(encodeAlaw(2000)));
  });

  it('R15 the WAV is joined on a worker thread, segments ordered by their first packet whatever order the files come in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-wav-'));
    const later = { ...packet(0, 2000), time: 2000 };
    writeFileSync(join(dir, 'b.pcap'), writePcapRtp([later]));
    writeFileSync(join(dir, 'a.pcap'), writePcapRtp([packet(0, 1000), packet(1, 1000)]));
    const joiner = new WavJoiner();
    try {
      const bytes = await joiner.join([join(dir, 'b.pcap'), join(dir, 'a.pcap')], join(dir, 'call.wav'));
      const samples = wavSamples(readFileSync(join(dir, 'call.wav')));
      expect(bytes).toBe(44 + 2 * 480);
      expect([samples[0], samples[320]]).toEqual([decodeAlaw(encodeAlaw(1000)), decodeAlaw(encodeAlaw(2000))]);
      await expect(joiner.join([join(dir, 'missing.pcap')], join(dir, 'x.wav'))).rejects.toThrow('ENOENT');
    } finally {
      await joiner.close();
    }
  });

  it("R15 when rtpengine failed to stop, the audio is cut to the plan's segments by capture time: the paused stretch is absent all the same", () => {
    // One file for 0-3 s (the stop at 1 s and the start at 2 s never reached rtpengine); the plan kept 0-1 s and 2-3 s.
    const second = (s: number, value: number) =>
      Array.from({ length: 50 }, (_, i) => ({ ...packet(s * 50 + i, value), time: 1000 + s + i * 0.02 }));
    const pcap = writePcapRtp([...second(0, 1000), ...second(1, -3000), ...second(2, 2000)]);
    const samples = wavSamples(
      joinSegments(
        [pcap],
        [
          { from: 1000, to: 1001 },
          { from: 1002, to: 1003 },
        ],
      ),
    );
    expect(samples.length).toBe(2 * 8000);
    expect(samples.includes(decodeAlaw(encodeAlaw(-3000)))).toBe(false);
    expect([samples[0], samples[8000]]).toEqual([decodeAlaw(encodeAlaw(1000)), decodeAlaw(encodeAlaw(2000))]);
    expect(wavSamples(joinSegments([pcap])).length).toBe(3 * 8000);
  });
});
