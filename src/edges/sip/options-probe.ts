/**
 * Issue 13: this node's answer to Kamailio's `dispatcher` health probes. Kamailio lists every node
 * of the deployment by its probe address (SWITCHBOARD_SIP_PROBE) and sends each a SIP OPTIONS every
 * second; a node is given calls while it answers 200. This one answers 200 while it is connected to
 * Kamailio over evapi (it can take a route request), 503 while it is not; a dead or hung node does
 * not answer at all. Only OPTIONS is answered: anything else sent here is ignored.
 *
 * Hand-written, not a SIP stack: the answer is a status line and five headers copied from the
 * request (RFC 3261 8.2.6), and no maintained SIP package fits a responder this small (decision 0112).
 */
import { createSocket, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';

/** Headers an answer copies from its request, by their full and compact names (RFC 3261 7.3.3). */
const COPIED: Record<string, string> = {
  via: 'Via',
  v: 'Via',
  from: 'From',
  f: 'From',
  to: 'To',
  t: 'To',
  'call-id': 'Call-ID',
  i: 'Call-ID',
  cseq: 'CSeq',
};

/** The answer to one SIP request (a datagram's text), or null when it is not an OPTIONS request. */
export function answerOptions(request: string, serving: boolean): string | null {
  const lines = request.split(/\r?\n/);
  if (!/^OPTIONS \S+ SIP\/2\.0$/.test(lines[0] ?? '')) return null;
  const copied: string[] = [];
  const tag = randomBytes(6).toString('hex');
  for (const line of lines.slice(1)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = COPIED[line.slice(0, colon).trim().toLowerCase()];
    if (name === undefined) continue;
    let value = line.slice(colon + 1).trim();
    if (name === 'To' && !/;\s*tag=/i.test(value)) value += `;tag=${tag}`;
    copied.push(`${name}: ${value}`);
  }
  if (!copied.some((header) => header.startsWith('Call-ID:')) || !copied.some((header) => header.startsWith('Via:'))) return null;
  const status = serving ? '200 OK' : '503 Service Unavailable';
  return [`SIP/2.0 ${status}`, ...copied, 'Content-Length: 0', '', ''].join('\r\n');
}

export class OptionsProbe {
  private socket: Socket | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
    /** Whether this node can take calls now (connected to Kamailio). */
    private readonly serving: () => boolean,
    private readonly log: (message: string) => void,
  ) {}

  /** Listens on the probe address; fails (naming it) when it is taken. */
  start(): Promise<void> {
    const socket = createSocket(this.host.includes(':') ? 'udp6' : 'udp4');
    this.socket = socket;
    socket.on('message', (message, from) => {
      const answer = answerOptions(message.toString('utf8'), this.serving());
      if (answer !== null) socket.send(answer, from.port, from.address);
    });
    return new Promise((resolve, reject) => {
      socket.once('error', (error) =>
        reject(new Error(`SWITCHBOARD_SIP_PROBE: cannot listen on ${this.host}:${this.port} (${error.message})`)),
      );
      socket.bind(this.port, this.host, () => {
        socket.removeAllListeners('error');
        socket.on('error', (error) => this.log(`SIP probe: ${error.message}`));
        resolve();
      });
    });
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
  }
}
