/**
 * Issue 14: every golden recording scenario (test/fixtures/scenarios) an inbound provider call can
 * play, replayed through the Twilio-compatible edge as the provider and the agent would: the voice
 * webhook, the answering leg's status callback (naming the answering employee's client), the
 * agent's buttons and payment screen through the API, the call's end. The REST calls the official
 * client sends to the provider's stand-in (test/fakes/twilio-rest-fake.ts) must be the plan's
 * segments: a start, then a pause (skip) where a segment ends before the call does, a resume where
 * the next begins, a stop where a transfer ends one (R9: the next is a new recording); none at all
 * for a call the plan does not record (an excluded caller). Transfers, redirects and forwards are
 * the call moved to `/twilio/transfer?Target=<the target's address>` (the REST API's redirect).
 * Calls an employee places are their Voice SDK client's voice webhook (`From=client:<employee>`,
 * `To` a number, or another client for an internal call; `TenantId` for click-to-call).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, newSecret } from '../../src/app/auth/secrets.js';
import { builtInNetwork } from '../../src/edges/cli/test-call.command.js';
import { readScenario } from '../../src/domain/scenario.js';
import { runTestCall } from '../../src/domain/test-call.js';
import type { CallEvent } from '../../src/domain/call.js';
import { insertToken, insertUser } from '../../src/store/users.repository.js';
import { TwilioRestFake } from '../fakes/twilio-rest-fake.js';
import { startTestApi, type TestApi } from '../api.js';

const folder = join(import.meta.dirname, '..', 'fixtures', 'scenarios');
const PUBLIC_URL = 'https://switchboard.example';
const ACCOUNT = `AC${'d4'.repeat(16)}`;
const TOKEN = randomBytes(16).toString('hex');
const TARGETS = { queue: 'queue:{id}', employee: 'client:{id}', voiceAgent: 'sip:{id}@va.example', number: '{number}' };
const PLAYABLE = new Set([
  'connected',
  'answered',
  'payment_opened',
  'payment_closed',
  'agent_start',
  'agent_stop',
  'hangup',
  'redirected',
  'transferred_to_queue',
  'transferred_to_employee',
  'forwarded',
]);
const TRANSFERS = new Set(['transferred_to_queue', 'transferred_to_employee']);

/** The decision core's plan (what test/golden.test.ts checks each scenario's expectations against). */
const segmentsOf = (json: Golden) => json.expected.segments ?? runTestCall(readScenario(json, builtInNetwork)).plan.segments;

interface Golden {
  call: { direction: string };
  events: { type: string; at: number }[];
  expected: {
    segments?: { start: number; end: number | null }[];
    error?: unknown;
    route?: { kind: string; destination?: { kind: string; number?: string } } | null;
  };
}
const scenarios = readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, json: JSON.parse(readFileSync(join(folder, file), 'utf8')) as Golden }));
const playable = scenarios.filter(({ json }) => json.expected.error === undefined && json.events.every((e) => PLAYABLE.has(e.type)));

/**
 * What the provider must have been asked, from the plan's segments and the call's events: a
 * segment that ends at a transfer is stopped (R9) and the next one is a new recording.
 */
function expectedSteps(segments: readonly { start: number; end: number | null }[], events: Golden['events']): string[] {
  const hangupAt = events.find((e) => e.type === 'hangup')?.at;
  const stoppedAt = (at: number) => events.some((e) => TRANSFERS.has(e.type) && e.at === at);
  return segments.flatMap((segment, i) => [
    i === 0 || stoppedAt(segments[i - 1]!.end!) ? 'start' : 'resume',
    ...(segment.end !== null && (hangupAt === undefined || segment.end < hangupAt)
      ? [stoppedAt(segment.end) ? 'stop' : 'pause(skip)']
      : []),
  ]);
}

/** The address the templates make for a transfer event's target (what the contact center's app redirects the call to). */
function transferTarget(event: CallEvent): string {
  if (event.type === 'redirected' || event.type === 'transferred_to_queue') return TARGETS.queue.replace('{id}', event.queueId);
  if (event.type === 'transferred_to_employee') return TARGETS.employee.replace('{id}', event.employeeId);
  if (event.type === 'forwarded') return TARGETS.number.replace('{number}', event.number);
  throw new Error(`not a transfer: ${event.type}`);
}

/** A webhook as the provider sends it: a form, signed with the account's token over the public URL. */
function signed(api: TestApi, path: string, form: Record<string, string>) {
  return api.as(null, {
    method: 'POST',
    url: path,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC_URL}${path}`, form),
    },
    payload: new URLSearchParams(form).toString(),
  });
}

describe('issue 14 the golden recording scenarios, replayed as provider webhooks', () => {
  let fake: TwilioRestFake;
  beforeAll(async () => {
    fake = new TwilioRestFake(new Map([[ACCOUNT, TOKEN]]));
    await fake.start();
  });
  afterAll(async () => fake?.close());

  it('plays every one that is not an error case', () => {
    expect(playable.length).toBe(scenarios.filter(({ json }) => json.expected.error === undefined).length);
    expect(playable.length).toBeGreaterThanOrEqual(52);
  });

  it.each(playable)('$file', async ({ json }) => {
    const scenario = readScenario(json, builtInNetwork);
    const call = scenario.call;
    const api = await startTestApi(
      'sqlite',
      {},
      {
        secretKey: randomBytes(32).toString('hex'),
        twilio: { targets: TARGETS, apiUrl: fake.url, publicUrl: PUBLIC_URL },
        summit: scenario.network,
      },
    );
    try {
      expect(
        (await api.as('admin', { method: 'PUT', url: '/api/networks/summit/twilio', payload: { accountSid: ACCOUNT, authToken: TOKEN } }))
          .statusCode,
      ).toBe(200);
      const webhook = (path: string, form: Record<string, string>) => signed(api, path, form);
      const callSid = `CA${randomBytes(16).toString('hex')}`;
      let agentToken: string | null = null;
      /** The employee who has the call now gets a token for their buttons. */
      const holder = async () => {
        const answeredBy = api.application.calls.get(callSid)?.view().answeredBy ?? null;
        if (answeredBy === null) return;
        // The answering employee's user (the demo has one for some), with a token to press their buttons.
        const existing = await api.store.db.selectFrom('users').select('id').where('employee_id', '=', answeredBy).executeTakeFirst();
        const user =
          existing?.id ??
          (await insertUser(api.store.db, {
            networkId: 'summit',
            networkAdmin: false,
            agent: true,
            employeeId: answeredBy,
            networkPermissions: [],
            tenantPermissions: {},
            email: `${answeredBy}@example.com`,
            name: answeredBy,
            passwordHash: 'not used',
          }));
        agentToken = newSecret('sb_');
        await insertToken(api.store.db, { userId: user, name: 'golden', tokenHash: hashSecret(agentToken) });
      };
      /** The dialled leg answers (`to`: an employee's client, a voice agent's address). */
      const answer = async (to: string | undefined) => {
        const leg = {
          AccountSid: ACCOUNT,
          CallSid: `CA${randomBytes(16).toString('hex')}`,
          ParentCallSid: callSid,
          CallStatus: 'in-progress',
        };
        expect((await webhook('/twilio/leg-status', to === undefined ? leg : { ...leg, To: to })).statusCode).toBe(200);
        await holder();
      };
      // A call no one answers in the scenario but that the plan records (a voice agent, an external
      // number) is answered by the dialled party itself: the provider reports that leg's answer at once.
      const answeredByTarget = !scenario.events.some((e) => e.type === 'answered') && segmentsOf(json).length > 0;
      for (const event of scenario.events) {
        if (event.type === 'connected') {
          const placed =
            call.direction === 'inbound'
              ? { From: call.from, To: call.to }
              : call.direction === 'internal'
                ? { From: `client:${call.fromEmployeeId}`, To: `client:${call.toEmployeeId}` }
                : { From: `client:${call.employeeId}`, To: call.to, ...(call.tenantId === undefined ? {} : { TenantId: call.tenantId }) };
          const routed = await webhook('/twilio/voice', { AccountSid: ACCOUNT, CallSid: callSid, ...placed });
          expect(routed.statusCode).toBe(200);
          expect(routed.body).toMatch(/<Dial|<Enqueue/);
          // C6 C7: a continuity route to an external number dials that number.
          const number = json.expected.route?.destination?.number;
          if (number !== undefined) expect(routed.body).toContain(`>${number}</Number>`);
          await holder();
          if (answeredByTarget) await answer(undefined);
        } else if (event.type === 'answered') {
          await answer(
            event.employeeId === undefined
              ? event.voiceAgentId === undefined
                ? undefined
                : `sip:${event.voiceAgentId}@va.example`
              : `client:${event.employeeId}`,
          );
        } else if (TRANSFERS.has(event.type) || event.type === 'redirected' || event.type === 'forwarded') {
          const moved = await webhook(`/twilio/transfer?Target=${encodeURIComponent(transferTarget(event))}`, {
            AccountSid: ACCOUNT,
            CallSid: callSid,
          });
          expect(moved.statusCode, moved.body).toBe(200);
          expect(moved.body).toMatch(/<Dial|<Enqueue/);
          await holder();
        } else if (event.type === 'hangup') {
          expect((await webhook('/twilio/status', { AccountSid: ACCOUNT, CallSid: callSid, CallStatus: 'completed' })).statusCode).toBe(
            200,
          );
        } else {
          const acted = await api.as(null, {
            method: 'POST',
            url: `/api/networks/summit/live-calls/${callSid}/events`,
            headers: { authorization: `Bearer ${agentToken}` },
            payload: { type: event.type },
          });
          // The plan may refuse the agent (a mode that gives them nothing to press): as the scenario's plan says.
          expect([200, 409, 422], acted.body).toContain(acted.statusCode);
        }
      }
      expect(fake.recordingSteps(callSid)).toEqual(expectedSteps(segmentsOf(json), json.events));
    } finally {
      await api.close();
    }
  });
});

/**
 * The golden error scenarios whose bad input a provider can send (53 a number no network has, 54
 * a caller id that is not a number, 58 a move to a queue the network does not have), through the
 * edge. The others are the decision core's checks of its own input that a provider cannot send:
 * events out of time order or before `connected` (55, 56: the edge's clock orders them), a move
 * before the answer (57: on this edge, a redirect), changes to the network (59, 60: not calls).
 */
describe('issue 14 the golden error scenarios a provider can send', () => {
  const golden = (prefix: string) => scenarios.find(({ file }) => file.startsWith(prefix))!.json;
  let fake: TwilioRestFake;
  let api: TestApi;
  const webhook = (path: string, form: Record<string, string>) => signed(api, path, form);
  const voice = (callSid: string, call: { from: string; to: string }) =>
    webhook('/twilio/voice', { AccountSid: ACCOUNT, CallSid: callSid, From: call.from, To: call.to });
  beforeAll(async () => {
    fake = new TwilioRestFake(new Map([[ACCOUNT, TOKEN]]));
    await fake.start();
    api = await startTestApi(
      'sqlite',
      {},
      {
        secretKey: randomBytes(32).toString('hex'),
        twilio: { targets: TARGETS, apiUrl: fake.url, publicUrl: PUBLIC_URL },
        summit: readScenario(golden('53-'), builtInNetwork).network,
      },
    );
    const set = await api.as('admin', {
      method: 'PUT',
      url: '/api/networks/summit/twilio',
      payload: { accountSid: ACCOUNT, authToken: TOKEN },
    });
    expect(set.statusCode).toBe(200);
  });
  afterAll(async () => {
    await api?.close();
    await fake?.close();
  });

  it('53 a number that is neither a tracking number nor a direct line: <Reject/>, no call opened, nothing asked of the provider', async () => {
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const answer = await voice(callSid, golden('53-').call as unknown as { from: string; to: string });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('<Reject');
    expect(api.application.calls.get(callSid)).toBeUndefined();
    expect(fake.recordingSteps(callSid)).toEqual([]);
  });

  it('54 a caller id that is not a phone number: the call is put through as an anonymous caller (no exclusion matches it), never dropped', async () => {
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const answer = await voice(callSid, golden('54-').call as unknown as { from: string; to: string });
    expect(answer.body).toContain('<Enqueue');
    expect(api.application.calls.get(callSid)?.plan().route?.kind).toBe('workflow');
    await webhook('/twilio/status', { AccountSid: ACCOUNT, CallSid: callSid, CallStatus: 'completed' });
  });

  it('58 a move to a queue the network does not have: put through as asked, the plan unchanged', async () => {
    const scenario = golden('58-');
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    await voice(callSid, scenario.call as unknown as { from: string; to: string });
    const before = api.application.calls.get(callSid)!.plan().moments;
    const queueId = (scenario.events[1] as unknown as { queueId: string }).queueId;
    const moved = await webhook(`/twilio/transfer?Target=${encodeURIComponent(`queue:${queueId}`)}`, {
      AccountSid: ACCOUNT,
      CallSid: callSid,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.body).toContain(`>${queueId}</Enqueue>`);
    expect(api.application.calls.get(callSid)!.plan().moments).toEqual(before);
    await webhook('/twilio/status', { AccountSid: ACCOUNT, CallSid: callSid, CallStatus: 'completed' });
  });
});
