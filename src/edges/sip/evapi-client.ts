/**
 * The TCP connection Switchboard keeps open to Kamailio's evapi socket: JSON messages in
 * netstrings both ways. Reconnects by itself (100 ms, doubling to 2 s) whenever Kamailio restarts.
 *
 * Its first message is a hello with the shared secret and the node's name as Kamailio's dispatcher
 * lists it (its probe address); Kamailio answers `welcome`, and from then on sends this node the
 * route requests and events of the calls its dispatcher gives it (every node takes calls: no
 * election). `connected` is emitted on the welcome. With a wrong secret Kamailio sends nothing.
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
    private readonly secret: string,
    /** This node as Kamailio's dispatcher lists it: its SWITCHBOARD_SIP_PROBE (host:port). */
    private readonly node: string,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    super();
  }

  start(): void {
    this.open();
  }

  private authenticated = false;

  /** Connected, and accepted by Kamailio. */
  get isConnected(): boolean {
    return this.authenticated && this.socket !== null && !this.socket.connecting && !this.socket.destroyed;
  }

  /** Sends one JSON message; false when not connected and accepted (the caller decides what that means). */
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
    this.authenticated = false;
    let accepted: NodeJS.Timeout | null = null;
    socket.on('connect', () => {
      socket.write(encodeNetstring(JSON.stringify({ type: 'hello', secret: this.secret, node: this.node })));
      // Kamailio says nothing to a wrong secret, and a hello that never reached its script (seen
      // now and then on a brand-new evapi connection) looks the same: say so, and connect again.
      accepted = setTimeout(() => {
        this.log(
          `Kamailio evapi at ${this.host}:${this.port} has not accepted this Switchboard after 10 s (is SWITCHBOARD_KAMAILIO_SECRET Kamailio's EVAPI_SECRET, and this address in its EVAPI_ALLOW?); connecting again`,
        );
        socket.destroy();
      }, 10_000);
      accepted.unref();
    });
    const receive = (message: Record<string, unknown>) => {
      if (this.authenticated) {
        this.emit('message', message);
      } else if (message.type === 'welcome') {
        if (accepted !== null) clearTimeout(accepted);
        this.authenticated = true;
        this.delay = 100;
        this.log(`connected to Kamailio evapi at ${this.host}:${this.port} as node ${this.node}`);
        this.emit('connected');
      }
    };
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
        let message: Record<string, unknown>;
        try {
          message = JSON.parse(text) as Record<string, unknown>;
        } catch {
          this.log(`evapi: a message that is not JSON was ignored: ${text.slice(0, 200)}`);
          continue;
        }
        receive(message);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const wasConnected = this.authenticated;
      if (accepted !== null) clearTimeout(accepted);
      if (!wasConnected && !socket.connecting)
        this.log(
          `Kamailio evapi at ${this.host}:${this.port} closed the connection before accepting this Switchboard (Kamailio restarting, or this address not in its EVAPI_ALLOW)`,
        );
      this.socket = null;
      this.authenticated = false;
      if (wasConnected) this.emit('disconnected');
      if (this.closed) return;
      this.timer = setTimeout(() => this.open(), this.delay);
      this.timer.unref();
      this.delay = Math.min(this.delay * 2, 2000);
    });
  }
}
