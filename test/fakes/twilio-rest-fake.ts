/**
 * FAKE: a local stand-in for the provider's REST API (Twilio's cloud cannot be reached from these
 * machines). It answers the calls Switchboard's official client makes for recordings (start,
 * pause, resume, stop; B10: delete, 404 for one it does not hold), checks the
 * account's basic auth, and records every request so that tests can compare them with the plan.
 * Nothing in src/ knows it: Switchboard is pointed at it by SWITCHBOARD_TWILIO_API_URL.
 */
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';

export interface FakeRestRequest {
  readonly method: string;
  readonly path: string;
  readonly account: string;
  readonly form: Record<string, string>;
}

export class TwilioRestFake {
  readonly requests: FakeRestRequest[] = [];
  /** The recordings it holds, by sid (each started one, and those a test puts here). */
  readonly held = new Set<string>();
  private server: Server | null = null;
  url = '';
  private port = 0;

  constructor(private readonly accounts: ReadonlyMap<string, string>) {}

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const [user, password] = Buffer.from((request.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
          .toString()
          .split(':');
        const send = (status: number, json: object) => {
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(JSON.stringify(json));
        };
        if (user === undefined || this.accounts.get(user) !== password) return send(401, { code: 20003, message: 'Authenticate' });
        const path = (request.url ?? '').split('?')[0]!;
        const form = Object.fromEntries(new URLSearchParams(body));
        this.requests.push({ method: request.method ?? '', path, account: user, form });
        const deleting = /^\/2010-04-01\/Accounts\/(AC\w+)\/Recordings\/(RE\w+)\.json$/.exec(path);
        if (request.method === 'DELETE' && deleting !== null && deleting[1] === user) {
          if (!this.held.delete(deleting[2]!)) return send(404, { code: 20404, message: `The requested resource ${path} was not found` });
          response.writeHead(204);
          return response.end();
        }
        const match = /^\/2010-04-01\/Accounts\/(AC\w+)\/Calls\/(CA\w+)\/Recordings(?:\/([\w.]+))?\.json$/.exec(path);
        if (match === null || match[1] !== user) return send(404, { code: 20404, message: 'not found' });
        const sid = match[3] ?? `RE${randomBytes(16).toString('hex')}`;
        if (match[3] === undefined) this.held.add(sid);
        send(match[3] === undefined ? 201 : 200, {
          sid,
          account_sid: user,
          call_sid: match[2],
          status: form.Status ?? 'in-progress',
          channels: 2,
          source: 'StartCallRecordingAPI',
        });
      });
    });
    // Started again after a close (a provider outage), it answers where it did.
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
    const address = server.address();
    this.port = typeof address === 'object' && address !== null ? address.port : 0;
    this.url = `http://127.0.0.1:${this.port}`;
  }

  /** What was asked of one call's recording, in order: start, pause, resume. */
  recordingSteps(callSid: string): string[] {
    return this.requests
      .filter((r) => r.path.includes(`/Calls/${callSid}/Recordings`))
      .map((r) =>
        r.path.endsWith('/Recordings.json')
          ? 'start'
          : r.form.Status === 'paused'
            ? `pause(${r.form.PauseBehavior})`
            : r.form.Status === 'in-progress'
              ? 'resume'
              : r.form.Status === 'stopped'
                ? 'stop'
                : `status ${r.form.Status}`,
      );
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
