/**
 * One WAV per call from rtpengine's pcaps (one per recorded segment): G.711 decoded, each
 * stream placed by its RTP timestamps, the directions mixed, the segments joined back to back,
 * so paused time is simply absent. 8 kHz, 16-bit, mono.
 */
import alawmulaw from 'alawmulaw';
import wavefile from 'wavefile';
import { readPcapRtp, type RtpPacket } from './pcap.js';

// G.711 from `alawmulaw`, WAV from `wavefile` (docs/decisions/0104-maintained-codecs.md).
const { alaw, mulaw } = alawmulaw;
const { WaveFile } = wavefile;

export const SAMPLE_RATE = 8000;

/** The decoded, mixed samples of one segment's pcap (or its packets). */
export function segmentSamples(pcap: Buffer | readonly RtpPacket[]): Int16Array {
  const streams = new Map<number, RtpPacket[]>();
  for (const packet of Buffer.isBuffer(pcap) ? readPcapRtp(pcap) : pcap) {
    if (packet.payloadType !== 0 && packet.payloadType !== 8) continue; // G.711 only (not DTMF events, comfort noise)
    const stream = streams.get(packet.ssrc) ?? [];
    stream.push(packet);
    streams.set(packet.ssrc, stream);
  }
  const placed: { offset: number; samples: Int16Array }[] = [];
  let start = Infinity;
  for (const packets of streams.values()) start = Math.min(start, packets[0]!.time);
  let length = 0;
  for (const packets of streams.values()) {
    const first = packets[0]!;
    // Where the stream starts within the segment (by capture time), then by RTP timestamp.
    const base = Math.round((first.time - start) * SAMPLE_RATE);
    for (const packet of packets) {
      const offset = base + ((packet.timestamp - first.timestamp) >>> 0);
      if (offset > SAMPLE_RATE * 4 * 3600) continue; // a timestamp jump, not four hours of audio
      const samples = (packet.payloadType === 8 ? alaw : mulaw).decode(packet.payload);
      placed.push({ offset, samples });
      length = Math.max(length, offset + samples.length);
    }
  }
  const mixed = new Int32Array(length);
  for (const { offset, samples } of placed) for (let i = 0; i < samples.length; i++) mixed[offset + i]! += samples[i]!;
  return Int16Array.from(mixed, (v) => Math.max(-32768, Math.min(32767, v)));
}

/** The call's WAV: each segment's audio in order. */
export function callWav(segmentPcaps: readonly Buffer[]): Buffer {
  return wavOf(segmentPcaps.map((pcap) => segmentSamples(pcap)));
}

function wavOf(segments: readonly Int16Array[]): Buffer {
  const samples = new Int16Array(segments.reduce((sum, s) => sum + s.length, 0));
  let at = 0;
  for (const segment of segments) {
    samples.set(segment, at);
    at += segment.length;
  }
  const wav = new WaveFile();
  wav.fromScratch(1, SAMPLE_RATE, '16', samples);
  return Buffer.from(wav.toBuffer());
}

/**
 * A call's WAV from its segments' pcaps in any order: each segment placed by its first packet's
 * time. With `keep` (capture-time windows, epoch seconds: the plan's segments), only packets
 * captured inside a window are kept, each window a segment of its own: the fallback for a call
 * whose recording rtpengine failed to stop, so that a paused stretch is cut out all the same (R15).
 */
export function joinSegments(pcaps: readonly Buffer[], keep?: readonly { from: number; to: number }[]): Buffer {
  const ordered = pcaps.map((pcap) => readPcapRtp(pcap)).sort((a, b) => (a[0]?.time ?? Infinity) - (b[0]?.time ?? Infinity));
  if (keep === undefined) return wavOf(ordered.map((packets) => segmentSamples(packets)));
  const pieces = ordered.flatMap((packets) =>
    keep.map((window) => packets.filter((p) => p.time >= window.from && p.time < window.to)).filter((piece) => piece.length > 0),
  );
  return wavOf(pieces.map((piece) => segmentSamples(piece)));
}

/** The samples of a WAV written by callWav (tests, and anyone checking a recording). */
export function wavSamples(wav: Buffer): Int16Array {
  return new WaveFile(wav).getSamples(false, Int16Array) as unknown as Int16Array;
}

/** How long a WAV file plays (ms): its samples over its rate, from its header. */
export function wavDurationMs(wav: Buffer): number {
  const file = new WaveFile(wav);
  const format = file.fmt as { sampleRate: number; numChannels: number; bitsPerSample: number };
  const bytesPerSecond = (format.sampleRate * format.numChannels * format.bitsPerSample) / 8;
  return Math.round(((file.data as { chunkSize: number }).chunkSize / bytesPerSecond) * 1000);
}
