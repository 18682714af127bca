/**
 * The TCP connection Switchboard keeps open to Kamailio's evapi socket: JSON messages in
 * netstrings both ways. Reconnects by itself (100 ms, doubling to 2 s) whenever Kamailio restarts.
 */
import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import { encodeNetstring, NetstringReader } from './netstring.js';

export interface EvapiEvents {
  connected: [];
  disconnected: [];
  message: [Record<string, unknown>];
}

export class EvapiClient extends EventEmitter<EvapiEvents> {
  private socket: Socket | null = null;
  private closed = false;
  private delay = 100;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    super();
  }

  start(): void {
    this.open();
  }

  get isConnected(): boolean {
    return this.socket !== null && !this.socket.connecting && !this.socket.destroyed;
  }

  /** Sends one JSON message; false when not connected (the caller decides what that means). */
  send(message: Record<string, unknown>): boolean {
    if (!this.isConnected) return false;
    this.socket!.write(encodeNetstring(JSON.stringify(message)));
    return true;
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.socket?.destroy();
  }

  private open(): void {
    const reader = new NetstringReader();
    const socket = connect({ host: this.host, port: this.port });
    socket.setNoDelay(true);
    this.socket = socket;
    socket.on('connect', () => {
      this.delay = 100;
      this.log(`connected to Kamailio evapi at ${this.host}:${this.port}`);
      this.emit('connected');
    });
    socket.on('data', (chunk: Buffer) => {
      let texts: string[];
      try {
        texts = reader.push(chunk);
      } catch (error) {
        this.log((error as Error).message);
        socket.destroy();
        return;
      }
      for (const text of texts) {
        try {
          this.emit('message', JSON.parse(text) as Record<string, unknown>);
        } catch {
          this.log(`evapi: a message that is not JSON was ignored: ${text.slice(0, 200)}`);
        }
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const wasConnected = !socket.connecting;
      this.socket = null;
      if (wasConnected) this.emit('disconnected');
      if (this.closed) return;
      this.timer = setTimeout(() => this.open(), this.delay);
      this.timer.unref();
      this.delay = Math.min(this.delay * 2, 2000);
    });
  }
}
