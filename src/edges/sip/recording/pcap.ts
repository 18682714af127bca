/**
 * The RTP packets in a pcap file (what rtpengine 10.5 writes for each recorded segment): IPv4
 * and UDP unwrapped from the link layers rtpengine and common capture tools use.
 */
export interface RtpPacket {
  /** Capture time, seconds. */
  readonly time: number;
  readonly ssrc: number;
  readonly sequence: number;
  readonly timestamp: number;
  readonly payloadType: number;
  readonly payload: Buffer;
}

const LINK_HEADER: Record<number, (frame: Buffer) => number> = {
  0: () => 4, // BSD loopback
  1: (frame) => (frame.readUInt16BE(12) === 0x8100 ? 18 : 14), // Ethernet (with or without a VLAN tag)
  12: () => 0, // raw IP
  101: () => 0, // raw IP
  113: () => 16, // Linux cooked (SLL)
  276: () => 20, // Linux cooked v2 (SLL2)
};

export function readPcapRtp(file: Buffer): RtpPacket[] {
  if (file.length < 24) return [];
  const magic = file.readUInt32LE(0);
  const littleEndian = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const nanos = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
  if (!littleEndian && magic !== 0xd4c3b2a1 && magic !== 0x4d3cb2a1) throw new Error('not a pcap file');
  const u32 = (at: number) => (littleEndian ? file.readUInt32LE(at) : file.readUInt32BE(at));
  const linkType = u32(20) & 0xffff;
  const linkHeader = LINK_HEADER[linkType];
  if (linkHeader === undefined) throw new Error(`pcap link type ${linkType} is not supported`);
  const packets: RtpPacket[] = [];
  for (let at = 24; at + 16 <= file.length;) {
    const time = u32(at) + u32(at + 4) / (nanos ? 1e9 : 1e6);
    const length = u32(at + 8);
    const frame = file.subarray(at + 16, at + 16 + length);
    at += 16 + length;
    const ip = linkHeader(frame);
    if (frame.length < ip + 20 || frame[ip]! >> 4 !== 4 || frame[ip + 9] !== 17) continue; // IPv4 UDP only
    const udp = ip + (frame[ip]! & 0x0f) * 4;
    const rtp = udp + 8;
    if (frame.length < rtp + 12 || frame[rtp]! >> 6 !== 2) continue;
    const csrcs = frame[rtp]! & 0x0f;
    let payloadStart = rtp + 12 + csrcs * 4;
    if ((frame[rtp]! & 0x10) !== 0) payloadStart += 4 + frame.readUInt16BE(payloadStart + 2) * 4;
    let payloadEnd = frame.length;
    if ((frame[rtp]! & 0x20) !== 0) payloadEnd -= frame[frame.length - 1]!;
    packets.push({
      time,
      payloadType: frame[rtp + 1]! & 0x7f,
      sequence: frame.readUInt16BE(rtp + 2),
      timestamp: frame.readUInt32BE(rtp + 4),
      ssrc: frame.readUInt32BE(rtp + 8),
      payload: frame.subarray(payloadStart, payloadEnd),
    });
  }
  return packets;
}

/** A pcap of RTP packets (Ethernet, IPv4, UDP), as capture tools write it: the tests' callers play these. */
export function writePcapRtp(packets: readonly (Omit<RtpPacket, 'ssrc'> & { ssrc?: number })[], ports = { from: 6000, to: 6002 }): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20);
  const records = packets.map((packet) => {
    const rtp = Buffer.alloc(12);
    rtp[0] = 0x80;
    rtp[1] = packet.payloadType;
    rtp.writeUInt16BE(packet.sequence & 0xffff, 2);
    rtp.writeUInt32BE(packet.timestamp >>> 0, 4);
    rtp.writeUInt32BE(packet.ssrc ?? 0x1234abcd, 8);
    const udp = Buffer.alloc(8);
    udp.writeUInt16BE(ports.from, 0);
    udp.writeUInt16BE(ports.to, 2);
    udp.writeUInt16BE(8 + 12 + packet.payload.length, 4);
    const ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip.writeUInt16BE(20 + 8 + 12 + packet.payload.length, 2);
    ip[8] = 64;
    ip[9] = 17;
    ip.set([127, 0, 0, 1], 12);
    ip.set([127, 0, 0, 1], 16);
    const ethernet = Buffer.alloc(14);
    ethernet.writeUInt16BE(0x0800, 12);
    const frame = Buffer.concat([ethernet, ip, udp, rtp, packet.payload]);
    const record = Buffer.alloc(16);
    record.writeUInt32LE(Math.floor(packet.time), 0);
    record.writeUInt32LE(Math.round((packet.time % 1) * 1e6), 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    return Buffer.concat([record, frame]);
  });
  return Buffer.concat([header, ...records]);
}
