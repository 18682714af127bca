/**
 * A real API on a real database (SQLite or PostgreSQL), called in-process. Seeds the demo network
 * ("summit") and a second network ("other") and one user per persona, each with an API token.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { hashPassword, hashSecret, newSecret } from '../src/app/auth/secrets.js';
import { buildApp } from '../src/edges/http/app.js';
import { TwilioEdge } from '../src/edges/twilio/twilio-edge.js';
import type { Config } from '../src/config.js';
import type { HttpContext } from '../src/edges/http/context.js';
import { createApplication, type Application } from '../src/app/application.js';
import { DEMO_NETWORK } from '../src/app/demo/demo-network.js';
import type { NetworkData } from '../src/domain/model.js';
import { asE164 } from '../src/domain/phone-number.js';
import { SnapshotCache } from '../src/runtime/snapshot-cache.js';
import type { Dialect } from '../src/store/db.js';
import { insertNetwork } from '../src/store/network-seeder.js';
import { insertToken, insertUser, type NewUser } from '../src/store/users.repository.js';
import { createTestStore, type TestStore } from './stores.js';

export const PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

export const OTHER_NETWORK: NetworkData = {
  network: { id: 'other', name: 'Other Network', version: 1 },
  recordingDefaults: DEMO_NETWORK.recordingDefaults,
  tenants: [{ ...DEMO_NETWORK.tenants[0]!, id: 'other-tenant', name: 'Other Tenant' }],
  trackingNumbers: [
    {
      id: 'tn-other',
      tenantId: 'other-tenant',
      number: asE164('+13128675301'),
      workflow: { kind: 'queue', queueId: 'q-other' },
      continuityNumber: null,
    },
  ],
  queues: [{ id: 'q-other', name: 'Other queue', customRecording: null }],
  employees: [
    {
      id: 'emp-other',
      name: 'Olga Other',
      contactCenterUser: true,
      directLine: asE164('+13128675701'),
      homeTenantId: 'other-tenant',
      customRecording: null,
    },
  ],
  voiceAgents: [{ id: 'va-other', tenantId: 'other-tenant', name: 'Other agent', createdAt: '2025-01-01T00:00:00Z', enabled: true }],
  exclusions: { numbers: [], areaCodes: [] },
};

const PERSONAS = {
  admin: { networkId: 'summit', networkAdmin: true, agent: false, employeeId: null, networkPermissions: [], tenantPermissions: {} },
  /** B5: the second administrator who approves what the first asks for. */
  secondAdmin: { networkId: 'summit', networkAdmin: true, agent: false, employeeId: null, networkPermissions: [], tenantPermissions: {} },
  tenantAdmin: {
    networkId: 'summit',
    networkAdmin: false,
    agent: false,
    employeeId: null,
    networkPermissions: [],
    tenantPermissions: { 'sunrise-plumbing': ['forwarding_number_settings', 'phone_settings', 'switch_continuity'] },
  },
  /** B5: edits Sunrise Plumbing's continuity settings (C7's two permissions), cannot switch it. */
  editOnly: {
    networkId: 'summit',
    networkAdmin: false,
    agent: false,
    employeeId: null,
    networkPermissions: [],
    tenantPermissions: { 'sunrise-plumbing': ['forwarding_number_settings', 'phone_settings'] },
  },
  /** B5: switches Sunrise Plumbing's continuity, cannot edit its settings. */
  switchOnly: {
    networkId: 'summit',
    networkAdmin: false,
    agent: false,
    employeeId: null,
    networkPermissions: [],
    tenantPermissions: { 'sunrise-plumbing': ['switch_continuity'] },
  },
  phoneOnly: {
    networkId: 'summit',
    networkAdmin: false,
    agent: false,
    employeeId: null,
    networkPermissions: [],
    tenantPermissions: { 'sunrise-plumbing': ['phone_settings'] },
  },
  agent: { networkId: 'summit', networkAdmin: false, agent: true, employeeId: 'emp-ana', networkPermissions: [], tenantPermissions: {} },
  recordingEditor: {
    networkId: 'summit',
    networkAdmin: false,
    agent: false,
    employeeId: null,
    networkPermissions: ['edit_call_recording_settings'],
    tenantPermissions: {},
  },
  otherAdmin: { networkId: 'other', networkAdmin: true, agent: false, employeeId: null, networkPermissions: [], tenantPermissions: {} },
} as const satisfies Record<string, Omit<NewUser, 'email' | 'name' | 'passwordHash'>>;

export type Persona = keyof typeof PERSONAS;

export interface TestApi {
  readonly app: FastifyInstance;
  readonly store: TestStore;
  readonly snapshots: SnapshotCache;
  /** The application layer behind the API (calls, metrics). */
  readonly application: Application;
  /** The Twilio-compatible edge, when the test has one. */
  readonly twilio: TwilioEdge | null;
  /** Calls the API as a persona (bearer token), or anonymously with `null`. */
  as(persona: Persona | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** The persona's API token (for requests over a real socket). */
  token(persona: Persona): string;
  /** Calls the API as a persona signed in through a browser session (cookie and CSRF token). */
  asSession(persona: Persona, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** What a node may run beside the API: the key that seals provider credentials, the Twilio-compatible edge. */
export interface TestEdges {
  readonly secretKey?: string;
  /** B10: SWITCHBOARD_RECORDING_KEY. */
  readonly recordingKey?: Buffer;
  readonly twilio?: NonNullable<Config['twilio']>;
  /** B6: the continuity message file the Twilio edge serves for <Play> (default: none, <Say>). */
  readonly continuityMessage?: string;
  /** B7: the consent announcement the Twilio edge serves for <Play> (default: none, and recording waits for none). */
  readonly consentAnnouncement?: string;
  /** The "summit" network's settings (default: the demo network's). */
  readonly summit?: NetworkData;
}

export async function startTestApi(dialect: Dialect, config: Partial<HttpContext['config']> = {}, edges: TestEdges = {}): Promise<TestApi> {
  const store = await createTestStore(dialect);
  await insertNetwork(store.db, edges.summit ?? DEMO_NETWORK, 'summit');
  await insertNetwork(store.db, OTHER_NETWORK, 'other');
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const tokens = new Map<Persona, string>();
  for (const [persona, user] of Object.entries(PERSONAS) as [Persona, (typeof PERSONAS)[Persona]][]) {
    const id = await insertUser(store.db, { ...user, email: `${persona.toLowerCase()}@example.com`, name: persona, passwordHash: hash });
    const token = newSecret('sb_');
    await insertToken(store.db, { userId: id, name: 'test', tokenHash: hashSecret(token) });
    tokens.set(persona, token);
  }
  const snapshots = new SnapshotCache(store);
  const sessions = new Map<Persona, Record<string, string>>();
  const application = createApplication(store, snapshots, { secretKey: edges.secretKey ?? null, recordingKey: edges.recordingKey ?? null });
  // As the composition root does: the node follows its networks' calls from the start.
  await application.calls.start();
  const twilio =
    edges.twilio === undefined
      ? null
      : new TwilioEdge(application, edges.twilio, () => undefined, {
          ...(edges.continuityMessage === undefined ? {} : { continuityMessage: edges.continuityMessage }),
          ...(edges.consentAnnouncement === undefined ? {} : { consentAnnouncement: edges.consentAnnouncement }),
        });
  const app = await buildApp(
    { app: application, config: { secureCookies: false, sessionHours: 1, loginRatePerMinute: 5, ...config } },
    { webhooks: twilio === null ? [] : [twilio.routes] },
  );
  return {
    app,
    store,
    snapshots,
    application,
    twilio,
    token: (persona) => tokens.get(persona)!,
    asSession: async (persona, options) => {
      let headers = sessions.get(persona);
      if (headers === undefined) {
        const signedIn = await app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { email: `${persona.toLowerCase()}@example.com`, password: PASSWORD },
        });
        const cookie = signedIn.cookies.find((c) => c.name === 'sb_session')!;
        headers = { cookie: `sb_session=${cookie.value}`, 'x-csrf-token': signedIn.json().csrfToken as string };
        sessions.set(persona, headers);
      }
      return app.inject({ ...options, headers: { ...headers, ...(options.headers ?? {}) } });
    },
    as: (persona, options) =>
      app.inject({
        ...options,
        headers: { ...(persona === null ? {} : { authorization: `Bearer ${tokens.get(persona)}` }), ...(options.headers ?? {}) },
      }),
    close: async () => {
      application.calls.close();
      await app.close();
      snapshots.close();
      await store.close();
    },
  };
}
