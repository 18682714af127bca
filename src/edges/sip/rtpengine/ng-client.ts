/**
 * rtpengine's ng control protocol over UDP: `<cookie> <bencoded dictionary>`, answered with the
 * same cookie. Switchboard uses it to start and stop recording a call (rtpengine 10.5 has no
 * pause: a pause is a stop, a resume a start, each start a new pcap file).
 */
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { bdecode, bencode, type Bencoded } from './bencode.js';

export class NgClient {
  private readonly socket: Socket = createSocket('udp4');
  private readonly pending = new Map<
    string,
    { resolve: (reply: Record<string, Bencoded>) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
  >();

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly timeoutMs = 1000,
  ) {
    this.socket.on('message', (message) => {
      const space = message.indexOf(0x20);
      const cookie = message.toString('latin1', 0, space);
      const waiting = this.pending.get(cookie);
      if (waiting === undefined) return;
      this.pending.delete(cookie);
      clearTimeout(waiting.timer);
      try {
        waiting.resolve(bdecode(message.subarray(space + 1)) as Record<string, Bencoded>);
      } catch (error) {
        waiting.reject(error as Error);
      }
    });
    this.socket.unref();
  }

  /** Sends one command; resolves with rtpengine's reply, rejects when it is an error or does not come. */
  command(command: string, args: Record<string, Bencoded> = {}): Promise<Record<string, Bencoded>> {
    const cookie = randomBytes(6).toString('hex');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(cookie);
        reject(new Error(`rtpengine did not answer "${command}" within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(cookie, {
        resolve: (reply) =>
          reply.result === 'error' ? reject(new Error(`rtpengine: ${String(reply['error-reason'] ?? 'error')}`)) : resolve(reply),
        reject,
        timer,
      });
      this.socket.send(Buffer.concat([Buffer.from(`${cookie} `), bencode({ command, ...args })]), this.port, this.host);
    });
  }

  startRecording(callId: string): Promise<unknown> {
    return this.command('start recording', { 'call-id': callId });
  }

  stopRecording(callId: string): Promise<unknown> {
    return this.command('stop recording', { 'call-id': callId });
  }

  /**
   * B6 B7: plays a file (read by rtpengine, on its machine) to the party `fromTag` names, in place
   * of what the other side sends them; resolves with how long it lasts (ms; null when rtpengine did
   * not say).
   */
  async playMedia(callId: string, fromTag: string | null, file: string): Promise<number | null> {
    const reply = await this.command('play media', { 'call-id': callId, ...(fromTag === null ? {} : { 'from-tag': fromTag }), file });
    return typeof reply.duration === 'number' && reply.duration > 0 ? reply.duration : null;
  }

  /** B7: drops (`block`) or lets through again the media the party `fromTag` names sends. */
  async blockMedia(callId: string, fromTag: string, block: boolean): Promise<void> {
    await this.command(block ? 'block media' : 'unblock media', { 'call-id': callId, 'from-tag': fromTag });
  }

  /** The calls rtpengine has now (its `list` command; a call is gone from it once Kamailio deleted it at the BYE). */
  async activeCalls(): Promise<Set<string>> {
    const reply = await this.command('list', { limit: 1_000_000 });
    const calls = Array.isArray(reply.calls) ? reply.calls : [];
    return new Set(calls.map((call) => String(call)));
  }

  close(): void {
    for (const waiting of this.pending.values()) clearTimeout(waiting.timer);
    this.socket.close();
  }
}
