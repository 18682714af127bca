/**
 * Issue 14: every golden recording scenario (test/fixtures/scenarios) an inbound provider call can
 * play, replayed through the Twilio-compatible edge as the provider and the agent would: the voice
 * webhook, the answering leg's status callback (naming the answering employee's client), the
 * agent's buttons and payment screen through the API, the call's end. The REST calls the official
 * client sends to the provider's stand-in (test/fakes/twilio-rest-fake.ts) must be the plan's
 * segments: a start, then a pause (skip) where a segment ends before the call does, a resume where
 * the next begins; none at all for a call the plan does not record (an excluded caller).
 * What the edge cannot play yet is named: outbound and internal calls (no outbound webhook), and
 * transfers, redirects and forwards (the edge hears of none yet, docs/twilio.md).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, newSecret } from '../../src/app/auth/secrets.js';
import { builtInNetwork } from '../../src/edges/cli/test-call.command.js';
import { readScenario } from '../../src/domain/scenario.js';
import { insertToken, insertUser } from '../../src/store/users.repository.js';
import { TwilioRestFake } from '../fakes/twilio-rest-fake.js';
import { startTestApi } from '../api.js';

const folder = join(import.meta.dirname, '..', 'fixtures', 'scenarios');
const PUBLIC_URL = 'https://switchboard.example';
const ACCOUNT = `AC${'d4'.repeat(16)}`;
const TOKEN = randomBytes(16).toString('hex');
const TARGETS = { queue: 'queue:{id}', employee: 'client:{id}', voiceAgent: 'sip:{id}@va.example', number: '{number}' };
const PLAYABLE = new Set(['connected', 'answered', 'payment_opened', 'payment_closed', 'agent_start', 'agent_stop', 'hangup']);

interface Golden {
  call: { direction: string };
  events: { type: string }[];
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

/** What the provider must have been asked, from the plan's segments and when the call ended. */
function expectedSteps(segments: { start: number; end: number | null }[], hangupAt: number | undefined): string[] {
  return segments.flatMap((segment, i) => [
    i === 0 ? 'start' : 'resume',
    ...(segment.end !== null && (hangupAt === undefined || segment.end < hangupAt) ? ['pause(skip)'] : []),
  ]);
}

describe('issue 14 the golden recording scenarios, replayed as provider webhooks', () => {
  let fake: TwilioRestFake;
  beforeAll(async () => {
    fake = new TwilioRestFake(new Map([[ACCOUNT, TOKEN]]));
    await fake.start();
  });
  afterAll(async () => fake?.close());

  it('plays most of the inbound ones (what it skips is named in the file header)', () => {
    expect(playable.length).toBeGreaterThanOrEqual(30);
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
      /** The dialled leg answers (`to`: an employee's client, a voice agent's address); the employee who has the call gets a token for their buttons. */
      const answer = async (to: string | undefined) => {
        const leg = {
          AccountSid: ACCOUNT,
          CallSid: `CA${randomBytes(16).toString('hex')}`,
          ParentCallSid: callSid,
          CallStatus: 'in-progress',
        };
        expect((await webhook('/twilio/leg-status', to === undefined ? leg : { ...leg, To: to })).statusCode).toBe(200);
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
      const hangupAt = scenario.events.find((e) => e.type === 'hangup')?.at;
      expect(fake.recordingSteps(callSid)).toEqual(expectedSteps(json.expected.segments!, hangupAt));
    } finally {
      await api.close();
    }
  });
});
