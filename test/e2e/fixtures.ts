/**
 * A real Switchboard per test: `switchboard serve --demo` on an empty SQLite folder and a free
 * port, so every test starts from the demo network and no test sees another's changes.
 */
import { test as base, expect, request as playwrightRequest, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import twilio from 'twilio';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TWILIO_TARGETS = { queue: 'queue:{id}', employee: 'client:{id}', voiceAgent: 'sip:{id}@va.example', number: '{number}' };

export type Persona = 'admin' | 'tenantAdmin' | 'agent';
const EMAILS: Record<Persona, string> = {
  admin: 'admin@summit.example',
  tenantAdmin: 'sunrise.admin@summit.example',
  agent: 'agent@summit.example',
};

export interface Server {
  readonly url: string;
  readonly passwords: Record<string, string>;
}

async function startServer(): Promise<{ server: Server; child: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-'));
  const child = spawn(process.execPath, ['bin/switchboard.js', 'serve', '--demo'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SWITCHBOARD_DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      // The Twilio-compatible edge, so a test can place a call as a provider would (signed webhooks);
      // its REST API is nowhere (no test here answers a call through it).
      SWITCHBOARD_TWILIO_TARGETS: JSON.stringify(TWILIO_TARGETS),
      SWITCHBOARD_TWILIO_API_URL: 'http://127.0.0.1:9',
      SWITCHBOARD_SECRET_KEY: randomBytes(32).toString('hex'),
      // B3: a test's webhook receiver listens on loopback, over http.
      SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const server = await new Promise<Server>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Press Ctrl+C')) return;
      clearTimeout(timer);
      const url = /Open:\s+(\S+?)\/?\n/.exec(output)?.[1];
      const passwords = Object.fromEntries([...output.matchAll(/(\S+@\S+)\s+password: (\S+)/g)].map((m) => [m[1]!, m[2]!]));
      if (url === undefined) reject(new Error(`no URL in:\n${output}`));
      else resolve({ url, passwords });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { server, child, dir };
}

export const test = base.extend<{ server: Server; signIn: (persona: Persona, page?: Page) => Promise<void> }>({
  // Playwright reads a fixture's dependencies from its first parameter: this one has none.
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const { server, child, dir } = await startServer();
    await use(server);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  },
  signIn: async ({ page, server }, use) => {
    await use(async (persona, on = page) => {
      const email = EMAILS[persona];
      await on.goto(server.url);
      await on.getByLabel('Email').fill(email);
      await on.getByLabel('Password').fill(server.passwords[email]!);
      await on.getByRole('button', { name: 'Sign in' }).click();
      await expect(on.getByTestId('header-user')).toBeVisible();
    });
  },
});

export { expect };

/** Saves a screenshot of a main screen for the README (docs/screenshots/). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ROOT, 'docs', 'screenshots', `${name}.png`), fullPage: true });
}

/** A datetime-local value: the wall clock in `timeZone` (default: this machine's, the browser's too) `minutes` from now. */
export function wallClock(minutes: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(Date.now() + minutes * 60_000));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** The network administrator, through the API, as another session (another browser, another admin) would. */
export async function adminApi(server: Server) {
  const api = await playwrightRequest.newContext({ baseURL: server.url });
  const session = await api.post('/api/session', {
    data: { email: 'admin@summit.example', password: server.passwords['admin@summit.example'] },
  });
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  return {
    switchTenant: (tenantId: string, enabled: boolean) =>
      api.post(`/api/networks/summit/tenants/${tenantId}/continuity/switch`, { data: { enabled }, headers: { 'x-csrf-token': csrfToken } }),
    put: async (url: string, data: unknown) => {
      const current = await api.get(url); // its ETag is the version to send back
      const etag = current.headers().etag ?? '';
      return api.put(url, { data, headers: { 'x-csrf-token': csrfToken, 'if-match': etag } });
    },
    post: (url: string, data: unknown) => api.post(url, { data, headers: { 'x-csrf-token': csrfToken } }),
    /** A call through the agent console's simulator, logged once it hangs up (L5). */
    simulatedCall: (call: object, events: object[]) =>
      api.post('/api/networks/summit/agent/simulated-call', { data: { call, events }, headers: { 'x-csrf-token': csrfToken } }),
    /** A write with the version given (a section's version, from the record's `versions`). */
    putAt: (url: string, data: unknown, version: number) =>
      api.put(url, { data, headers: { 'x-csrf-token': csrfToken, 'if-match': `"v${version}"` } }),
    dispose: () => api.dispose(),
  };
}

/**
 * A provider (Twilio, or one speaking its dialect) for the "summit" network: its account set by
 * the administrator, and webhooks signed with its auth token as the provider signs them.
 */
export async function twilioProvider(server: Server) {
  const admin = await adminApi(server);
  const accountSid = `AC${'e2'.repeat(16)}`;
  const authToken = randomBytes(16).toString('hex');
  const set = await admin.put('/api/networks/summit/twilio', { accountSid, authToken });
  if (set.status() !== 200) throw new Error(`Twilio account: ${set.status()} ${await set.text()}`);
  await admin.dispose();
  const api = await playwrightRequest.newContext({ baseURL: server.url });
  return {
    webhook: async (path: string, form: Record<string, string>) => {
      const signature = twilio.getExpectedTwilioSignature(authToken, `${server.url}${path}`, { AccountSid: accountSid, ...form });
      const response = await api.post(path, {
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        data: new URLSearchParams({ AccountSid: accountSid, ...form }).toString(),
      });
      if (response.status() !== 200) throw new Error(`${path}: ${response.status()} ${await response.text()}`);
      return response.text();
    },
    dispose: () => api.dispose(),
  };
}
