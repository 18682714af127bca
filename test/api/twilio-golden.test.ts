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
 * What the edge cannot play yet is named: outbound and internal calls (no outbound webhook).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, newSecret } from '../../src/app/auth/secrets.js';
import { builtInNetwork } from '../../src/edges/cli/test-call.command.js';
import { readScenario } from '../../src/domain/scenario.js';
import type { CallEvent } from '../../src/domain/call.js';
import { insertToken, insertUser } from '../../src/store/users.repository.js';
import { TwilioRestFake } from '../fakes/twilio-rest-fake.js';
import { startTestApi } from '../api.js';

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

interface Golden {
  call: { direction: string };
  events: { type: string; at: number }[];
  expected: { segments?: { start: number; end: number | null }[]; error?: unknown };
}
const scenarios = readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, json: JSON.parse(readFileSync(join(folder, file), 'utf8')) as Golden }));
const playable = scenarios.filter(
  ({ json }) =>
    json.call.direction === 'inbound' &&
    json.expected.error === undefined &&
    json.expected.segments !== undefined &&
    json.events.every((e) => PLAYABLE.has(e.type)),
);

/**
 * What the provider must have been asked, from the plan's segments and the call's events: a
 * segment that ends at a transfer is stopped (R9) and the next one is a new recording.
 */
function expectedSteps(segments: { start: number; end: number | null }[], events: Golden['events']): string[] {
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

describe('issue 14 the golden recording scenarios, replayed as provider webhooks', () => {
  let fake: TwilioRestFake;
  beforeAll(async () => {
    fake = new TwilioRestFake(new Map([[ACCOUNT, TOKEN]]));
    await fake.start();
  });
  afterAll(async () => fake?.close());

  it('plays every inbound one (what it skips is named in the file header)', () => {
    expect(playable.length).toBeGreaterThanOrEqual(41);
  });

  it.each(playable)('$file', async ({ json }) => {
    const scenario = readScenario(json, builtInNetwork);
    const call = scenario.call;
    if (call.direction !== 'inbound') throw new Error('only inbound scenarios are played');
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
      const webhook = (path: string, form: Record<string, string>) =>
        api.as(null, {
          method: 'POST',
          url: path,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC_URL}${path}`, form),
          },
          payload: new URLSearchParams(form).toString(),
        });
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
      const answeredByTarget = !scenario.events.some((e) => e.type === 'answered') && json.expected.segments!.length > 0;
      for (const event of scenario.events) {
        if (event.type === 'connected') {
          const routed = await webhook('/twilio/voice', {
            AccountSid: ACCOUNT,
            CallSid: callSid,
            From: call.from,
            To: call.to,
          });
          expect(routed.statusCode).toBe(200);
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
      expect(fake.recordingSteps(callSid)).toEqual(expectedSteps(json.expected.segments!, json.events));
    } finally {
      await api.close();
    }
  });
});
