/**
 * Issue 14: the Twilio-compatible edge, on both databases. Webhooks are signed exactly as the
 * provider signs them (the official library's own function); the provider's REST API is played by
 * a local stand-in (test/fakes/twilio-rest-fake.ts) that records what the official client sends.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TwilioRestFake } from '../fakes/twilio-rest-fake.js';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';
import { hashSecret, newSecret } from '../../src/app/auth/secrets.js';
import { insertToken, insertUser } from '../../src/store/users.repository.js';
import { insertRecording } from '../../src/store/recordings.repository.js';
import { runRetention } from '../../src/app/retention-runner.js';

const PUBLIC_URL = 'https://switchboard.example';
const ACCOUNT = `AC${'a1'.repeat(16)}`;
const TOKEN = randomBytes(16).toString('hex');
const OTHER_ACCOUNT = `AC${'b2'.repeat(16)}`;
const OTHER_TOKEN = randomBytes(16).toString('hex');
const TARGETS = { queue: 'queue:{id}', employee: 'client:{id}', voiceAgent: 'sip:{id}@va.example', number: '{number}' };
const SUNRISE_MAIN = '+16198675301';
const ANA_DIRECT = '+16198675701';
const { VoiceResponse } = twilio.twiml;
const MESSAGE_FILE = fileURLToPath(new URL('../../assets/continuity-message.wav', import.meta.url));
let calls = 0;
const hangUp = () => {
  const response = new VoiceResponse();
  response.hangup();
  return response.toString();
};
const newCallSid = () => `CA${String(++calls).padStart(32, '0')}`;

describe.each(DIALECTS)('issue 14 Twilio-compatible voice webhooks (%s)', (dialect) => {
  let api: TestApi;
  let fake: TwilioRestFake;

  beforeAll(async () => {
    fake = new TwilioRestFake(
      new Map([
        [ACCOUNT, TOKEN],
        [OTHER_ACCOUNT, OTHER_TOKEN],
      ]),
    );
    await fake.start();
    api = await startTestApi(
      dialect,
      {},
      {
        secretKey: randomBytes(32).toString('hex'),
        twilio: { targets: TARGETS, apiUrl: fake.url, publicUrl: PUBLIC_URL },
        continuityMessage: MESSAGE_FILE,
      },
    );
    for (const [persona, network, sid, token] of [
      ['admin', 'summit', ACCOUNT, TOKEN],
      ['otherAdmin', 'other', OTHER_ACCOUNT, OTHER_TOKEN],
    ] as const) {
      const set = await api.as(persona, {
        method: 'PUT',
        url: `/api/networks/${network}/twilio`,
        payload: { accountSid: sid, authToken: token },
      });
      expect(set.statusCode, set.body).toBe(200);
    }
  });
  afterAll(async () => {
    await api?.close();
    await fake?.close();
  });

  /** A webhook as the provider sends it: form-encoded, signed over the public URL and the form. */
  const webhook = (path: string, form: Record<string, string>, options: { token?: string; signature?: string } = {}) => {
    const signature = options.signature ?? twilio.getExpectedTwilioSignature(options.token ?? TOKEN, `${PUBLIC_URL}${path}`, form);
    return api.as(null, {
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      payload: new URLSearchParams(form).toString(),
    });
  };
  const voice = (callSid: string, to: string, from = '+14158672200', account = ACCOUNT, token = TOKEN) =>
    webhook(
      '/twilio/voice',
      { AccountSid: account, CallSid: callSid, From: from, To: to, CallStatus: 'ringing', Direction: 'inbound' },
      { token },
    );
  const answered = (callSid: string) =>
    webhook('/twilio/leg-status', { AccountSid: ACCOUNT, CallSid: newCallSid(), ParentCallSid: callSid, CallStatus: 'in-progress' });
  const completed = (callSid: string) => webhook('/twilio/status', { AccountSid: ACCOUNT, CallSid: callSid, CallStatus: 'completed' });
  const loggedCalls = async () =>
    (await api.as('admin', { method: 'GET', url: '/api/networks/summit/calls?limit=500' })).json().calls as {
      id: string;
      from: string;
      to: string;
      source: string;
      route: { kind: string };
      attempts: { destination: { kind: string; number?: string }; outcome: string; status: number | null }[];
    }[];

  it("the account: set by the network's administrators, its auth token sealed: never in an answer, the audit log or the table in the clear", async () => {
    const read = await api.as('admin', { method: 'GET', url: '/api/networks/summit/twilio' });
    expect(read.json()).toEqual({ account: { accountSid: ACCOUNT, updatedAt: expect.any(String), authToken: 'set' } });
    expect(read.body).not.toContain(TOKEN);
    const audit = await api.as('admin', { method: 'GET', url: '/api/networks/summit/audit?action=twilio.account.set' });
    expect(audit.statusCode).toBe(200);
    expect(audit.json().entries).toHaveLength(1);
    expect(audit.body).not.toContain(TOKEN);
    const rows = await api.store.db.selectFrom('twilio_accounts').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(TOKEN);
    // Not a tenant administrator's, nor another network's administrator's.
    expect((await api.as('tenantAdmin', { method: 'GET', url: '/api/networks/summit/twilio' })).statusCode).toBe(403);
    expect((await api.as('otherAdmin', { method: 'GET', url: '/api/networks/summit/twilio' })).statusCode).toBe(404);
    // One network per account SID; a malformed SID is refused by name.
    const taken = await api.as('otherAdmin', {
      method: 'PUT',
      url: '/api/networks/other/twilio',
      payload: { accountSid: ACCOUNT, authToken: TOKEN },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'account_in_use', field: 'accountSid' });
    const bad = await api.as('admin', {
      method: 'PUT',
      url: '/api/networks/summit/twilio',
      payload: { accountSid: 'AC123', authToken: TOKEN },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('accountSid');
  });

  it('C1 L5 a call to a tracking number is answered with the TwiML the library builds for its workflow target (a queue), and logged once when it ends', async () => {
    const callSid = newCallSid();
    const answer = await voice(callSid, SUNRISE_MAIN);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toContain('text/xml');
    const expected = new VoiceResponse();
    expected.enqueue({ action: `${PUBLIC_URL}/twilio/dial-ended`, method: 'POST' }, 'q-service');
    expect(answer.body).toBe(expected.toString());
    const before = (await loggedCalls()).length;
    expect((await completed(callSid)).statusCode).toBe(200);
    // The status callback repeated (the provider retries): still one entry.
    expect((await completed(callSid)).statusCode).toBe(200);
    const logged = (await loggedCalls()).slice(0, (await loggedCalls()).length - before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ to: SUNRISE_MAIN, source: 'twilio', route: { kind: 'workflow' } });
  });

  it('C2 C13 continuity switched through the API reaches the very next webhook: the continuity destination, dialled with its callbacks', async () => {
    const url = '/api/networks/summit/tenants/sunrise-plumbing/continuity/switch';
    expect((await api.as('admin', { method: 'POST', url, payload: { enabled: true } })).statusCode).toBe(200);
    try {
      const answer = await voice(newCallSid(), SUNRISE_MAIN);
      const expected = new VoiceResponse();
      // B6: a continuity destination rings its set time, and its end moves the call along the chain.
      const dial = expected.dial({
        action: `${PUBLIC_URL}/twilio/continuity-next`,
        method: 'POST',
        answerOnBridge: true,
        referUrl: `${PUBLIC_URL}/twilio/refer`,
        referMethod: 'POST',
        timeout: 20,
      });
      const leg = {
        statusCallback: `${PUBLIC_URL}/twilio/leg-status`,
        statusCallbackEvent: ['answered'] as ['answered'],
        statusCallbackMethod: 'POST',
      };
      dial.sip(leg, 'sip:va-sunrise-ava@va.example');
      expect(answer.body).toBe(expected.toString());
    } finally {
      expect((await api.as('admin', { method: 'POST', url, payload: { enabled: false } })).statusCode).toBe(200);
    }
    expect((await voice(newCallSid(), SUNRISE_MAIN)).body).toContain('<Enqueue');
  });

  it('B6 a continuity call whose destinations fail moves along the chain (<Dial action> reads DialCallStatus) and ends with the recorded message (<Play>); the call log shows each attempt', async () => {
    const tenant = '/api/networks/summit/tenants/sunrise-plumbing';
    const version = (await api.as('admin', { method: 'GET', url: tenant })).json().versions.continuity;
    const chain = await api.as('admin', {
      method: 'PUT',
      url: `${tenant}/continuity/chain`,
      headers: { 'if-match': `"v${version}"` },
      payload: { then: [{ kind: 'external_number', number: '+13125550142' }], noAnswerSeconds: 15 },
    });
    expect(chain.statusCode).toBe(200);
    expect((await api.as('admin', { method: 'POST', url: `${tenant}/continuity/switch`, payload: { enabled: true } })).statusCode).toBe(
      200,
    );
    const callSid = newCallSid();
    const next = (status: string) =>
      webhook('/twilio/continuity-next', { AccountSid: ACCOUNT, CallSid: callSid, DialCallStatus: status, DialCallDuration: '0' });
    try {
      const first = (await voice(callSid, SUNRISE_MAIN, '+14158672266')).body;
      expect(first).toContain('<Sip statusCallback=');
      expect(first).toContain('timeout="15"');
      expect(first).toContain(`action="${PUBLIC_URL}/twilio/continuity-next"`);

      const second = (await next('no-answer')).body;
      expect(second).toMatch(/<Dial [^>]*timeout="15"[^>]*>.*<Number [^>]*>\+13125550142<\/Number><\/Dial>/);
      expect(second).toContain(`action="${PUBLIC_URL}/twilio/continuity-next"`);

      const expected = new VoiceResponse();
      expected.play(`${PUBLIC_URL}/twilio/continuity-message.wav`);
      expected.hangup();
      expect((await next('busy')).body).toBe(expected.toString());
      // The message was the last step: nothing follows it.
      expect((await next('failed')).body).toBe(hangUp());

      const wav = await api.as(null, { method: 'GET', url: '/twilio/continuity-message.wav' });
      expect(wav.statusCode).toBe(200);
      expect(wav.headers['content-type']).toBe('audio/wav');
      expect(wav.rawPayload.equals(readFileSync(MESSAGE_FILE))).toBe(true);

      expect((await completed(callSid)).statusCode).toBe(200);
      const logged = (await loggedCalls()).find((c) => c.from === '+14158672266');
      expect(logged?.attempts).toMatchObject([
        { destination: { kind: 'voice_agent' }, outcome: 'no_answer', status: null },
        { destination: { kind: 'external_number', number: '+13125550142' }, outcome: 'busy', status: null },
      ]);
    } finally {
      expect((await api.as('admin', { method: 'POST', url: `${tenant}/continuity/switch`, payload: { enabled: false } })).statusCode).toBe(
        200,
      );
    }
  });

  it('B6 an answered continuity destination ends the chain: DialCallStatus completed moves the call nowhere, and is no attempt', async () => {
    const url = '/api/networks/summit/tenants/sunrise-plumbing/continuity/switch';
    expect((await api.as('admin', { method: 'POST', url, payload: { enabled: true } })).statusCode).toBe(200);
    try {
      const callSid = newCallSid();
      await voice(callSid, SUNRISE_MAIN, '+14158672255');
      const done = await webhook('/twilio/continuity-next', { AccountSid: ACCOUNT, CallSid: callSid, DialCallStatus: 'completed' });
      expect(done.body).toBe(hangUp());
      await completed(callSid);
      const logged = (await loggedCalls()).find((c) => c.from === '+14158672255');
      expect(logged?.attempts).toEqual([]);
    } finally {
      expect((await api.as('admin', { method: 'POST', url, payload: { enabled: false } })).statusCode).toBe(200);
    }
  });

  it("a number of another network, or none, is rejected: an account routes only its own network's numbers, and opens no call", async () => {
    const expected = new VoiceResponse();
    expected.reject({ reason: 'rejected' });
    const callSid = newCallSid();
    expect((await voice(callSid, '+13128675301')).body).toBe(expected.toString());
    expect((await voice(newCallSid(), '+19999999999')).body).toBe(expected.toString());
    expect((await voice(newCallSid(), 'client:bob')).body).toBe(expected.toString());
    expect(api.application.calls.get(callSid)).toBeUndefined();
    // Another network's account can neither answer nor end this network's call.
    const ours = newCallSid();
    await voice(ours, ANA_DIRECT);
    const foreignLeg = { AccountSid: OTHER_ACCOUNT, CallSid: newCallSid(), ParentCallSid: ours, CallStatus: 'in-progress' };
    expect((await webhook('/twilio/leg-status', foreignLeg, { token: OTHER_TOKEN })).statusCode).toBe(200);
    expect(api.application.calls.get(ours)?.mediaUp).toBe(false);
    const foreignEnd = { AccountSid: OTHER_ACCOUNT, CallSid: ours, CallStatus: 'completed', To: ANA_DIRECT };
    expect((await webhook('/twilio/status', foreignEnd, { token: OTHER_TOKEN })).statusCode).toBe(200);
    expect(api.application.calls.get(ours)).toBeDefined();
    expect(fake.recordingSteps(ours)).toEqual([]);
    await completed(ours);
    // The other network's account routes its own number.
    expect((await voice(newCallSid(), '+13128675301', '+14158672200', OTHER_ACCOUNT, OTHER_TOKEN)).body).toContain('q-other');
  });

  it('a wrong or missing signature, a replay with changed parameters, an unknown account: 403 bad_signature, no call opened; a malformed CallSid: 422 naming it', async () => {
    const callSid = newCallSid();
    const form = { AccountSid: ACCOUNT, CallSid: callSid, From: '+14158672200', To: SUNRISE_MAIN };
    const signature = twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC_URL}/twilio/voice`, form);
    const refused = [
      await webhook('/twilio/voice', form, { signature: 'bm90IGEgc2lnbmF0dXJl' }),
      await webhook('/twilio/voice', form, { token: OTHER_TOKEN }),
      await webhook('/twilio/voice', { ...form, To: '+16198675303' }, { signature }),
      await webhook('/twilio/voice', { ...form, AccountSid: `AC${'c3'.repeat(16)}` }, { token: TOKEN }),
      await api.as(null, {
        method: 'POST',
        url: '/twilio/voice',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      }),
    ];
    for (const answer of refused) {
      expect(answer.statusCode).toBe(403);
      expect(answer.json().error.code).toBe('bad_signature');
    }
    expect(api.application.calls.get(callSid)).toBeUndefined();
    const malformed = await webhook('/twilio/voice', { ...form, CallSid: 'not-a-sid' });
    expect(malformed.statusCode).toBe(422);
    expect(malformed.json().error).toMatchObject({ field: 'CallSid' });
    // Not a form at all (the provider sends forms only), though signed over the same parameters.
    const json = await api.as(null, { method: 'POST', url: '/twilio/voice', headers: { 'x-twilio-signature': signature }, payload: form });
    expect(json.statusCode).toBe(415);
    expect(api.application.calls.get(callSid)).toBeUndefined();
  });

  it("B9 a call the provider routed by itself with the fallback TwiML (Switchboard never saw it) is logged from its status callback, once, with the route and B9's reason", async () => {
    const callSid = newCallSid();
    const before = (await loggedCalls()).length;
    const status = {
      AccountSid: ACCOUNT,
      CallSid: callSid,
      CallStatus: 'completed',
      From: '+14158672200',
      To: SUNRISE_MAIN,
      CallDuration: '42',
    };
    expect((await webhook('/twilio/status', status)).statusCode).toBe(200);
    expect((await webhook('/twilio/status', status)).statusCode).toBe(200);
    const all = (await api.as('admin', { method: 'GET', url: '/api/networks/summit/calls?limit=500' })).json().calls as {
      to: string;
      source: string;
      route: { kind: string; reasons: { rule: string; text: string }[] };
      segments: unknown[];
    }[];
    const logged = all.slice(0, all.length - before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ to: SUNRISE_MAIN, source: 'twilio', route: { kind: 'workflow' } });
    expect(logged[0]!.route.reasons[0]).toMatchObject({ rule: 'B9' });
    expect(logged[0]!.route.reasons[0]!.text).toContain('fallback TwiML');
    // This account's status callback for another network's number logs nothing, there or here.
    const otherCalls = async () =>
      ((await api.as('otherAdmin', { method: 'GET', url: '/api/networks/other/calls?limit=500' })).json().calls as unknown[]).length;
    const otherBefore = await otherCalls();
    const foreign = { ...status, CallSid: newCallSid(), To: '+13128675301' };
    expect((await webhook('/twilio/status', foreign)).statusCode).toBe(200);
    expect(await otherCalls()).toBe(otherBefore);
    expect((await loggedCalls()).length).toBe(before + 1);
  });

  const live = async (callSid: string) =>
    (await api.as('agent', { method: 'GET', url: '/api/networks/summit/live-calls' }))
      .json()
      .calls.find((c: { callId: string }) => c.callId === callSid) as { answeredBy: string; plan: { moments: { recording: string }[] } };

  it("R2 R4 a direct line's call: recording started through the provider's REST API at the answer (dual channel), paused with PauseBehavior=skip by the agent's button and resumed", async () => {
    const callSid = newCallSid();
    const route = await voice(callSid, ANA_DIRECT);
    expect(route.body).toContain('<Client statusCallback');
    expect(route.body).toContain('>emp-ana</Client>');
    expect((await answered(callSid)).statusCode).toBe(200);
    expect((await live(callSid)).answeredBy).toBe('emp-ana');
    expect((await live(callSid)).plan.moments.at(-1)?.recording).toBe('on');
    expect(fake.recordingSteps(callSid)).toEqual(['start']);
    expect(fake.requests.find((r) => r.path.endsWith(`/Calls/${callSid}/Recordings.json`))).toMatchObject({
      account: ACCOUNT,
      form: { RecordingChannels: 'dual' },
    });
    const events = `/api/networks/summit/live-calls/${callSid}/events`;
    const stopped = await api.as('agent', { method: 'POST', url: events, payload: { type: 'agent_stop' } });
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(stopped.json().plan.moments.at(-1).recording).not.toBe('on');
    const started = await api.as('agent', { method: 'POST', url: events, payload: { type: 'agent_start' } });
    expect(started.statusCode, started.body).toBe(200);
    expect(fake.recordingSteps(callSid)).toEqual(['start', 'pause(skip)', 'resume']);
    const before = (await loggedCalls()).length;
    expect((await completed(callSid)).statusCode).toBe(200);
    expect((await loggedCalls()).length).toBe(before + 1);
    // R2: the provider's finished recording is the call's recording, pointing at its media there.
    expect(fake.requests.find((r) => r.path.endsWith(`/Calls/${callSid}/Recordings.json`))?.form).toMatchObject({
      RecordingStatusCallback: `${PUBLIC_URL}/twilio/recording-status`,
      RecordingStatusCallbackEvent: 'completed',
    });
    const recordingSid = `RE${'e5'.repeat(16)}`;
    const mediaUrl = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Recordings/${recordingSid}`;
    const done = {
      AccountSid: ACCOUNT,
      CallSid: callSid,
      RecordingSid: recordingSid,
      RecordingStatus: 'completed',
      RecordingDuration: '31',
    };
    const wrongUrl = await webhook('/twilio/recording-status', { ...done, RecordingUrl: 'javascript:alert(1)' });
    expect(wrongUrl.statusCode).toBe(422);
    expect(wrongUrl.json().error.field).toBe('RecordingUrl');
    expect((await webhook('/twilio/recording-status', { ...done, RecordingUrl: mediaUrl })).statusCode).toBe(200);
    const recordings = (await api.as('admin', { method: 'GET', url: '/api/networks/summit/recordings' })).json().recordings as {
      id: string;
      sipCallId: string;
      mediaUrl: string | null;
      durationMs: number;
      segments: unknown[];
    }[];
    const stored = recordings.filter((r) => r.sipCallId === callSid);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ mediaUrl, durationMs: 31_000 });
    expect(stored[0]!.segments).toHaveLength(2);
    const audio = await api.as('admin', { method: 'GET', url: `/api/networks/summit/recordings/${stored[0]!.id}/audio` });
    expect(audio.statusCode).toBe(303);
    expect(audio.headers.location).toBe(`${mediaUrl}.wav`);
  });

  it("R15 a tenant's call answered by its employee (a Voice SDK client naming them): the payment screen pauses the provider's recording (skip) and resumes it when it closes", async () => {
    const switchCoastal = (enabled: boolean) =>
      api.as('admin', { method: 'POST', url: '/api/networks/summit/tenants/coastal-hvac/continuity/switch', payload: { enabled } });
    expect((await switchCoastal(false)).statusCode).toBe(200);
    const dana = await insertUser(api.store.db, {
      networkId: 'summit',
      networkAdmin: false,
      agent: true,
      employeeId: 'emp-dana',
      networkPermissions: [],
      tenantPermissions: {},
      email: 'dana@example.com',
      name: 'Dana',
      passwordHash: 'not used',
    });
    const token = newSecret('sb_');
    await insertToken(api.store.db, { userId: dana, name: 'test', tokenHash: hashSecret(token) });
    try {
      const callSid = newCallSid();
      expect((await voice(callSid, '+18588675402')).body).toContain('>emp-dana</Client>');
      const leg = { AccountSid: ACCOUNT, CallSid: newCallSid(), ParentCallSid: callSid, CallStatus: 'in-progress', To: 'client:emp-dana' };
      expect((await webhook('/twilio/leg-status', leg)).statusCode).toBe(200);
      expect(fake.recordingSteps(callSid)).toEqual(['start']);
      const events = `/api/networks/summit/live-calls/${callSid}/events`;
      const asDana = (type: string) =>
        api.as(null, { method: 'POST', url: events, headers: { authorization: `Bearer ${token}` }, payload: { type } });
      const opened = await asDana('payment_opened');
      expect(opened.statusCode, opened.body).toBe(200);
      expect(opened.json().plan.moments.at(-1).recording).toBe('paused');
      expect((await asDana('payment_closed')).json().plan.moments.at(-1).recording).toBe('on');
      expect(fake.recordingSteps(callSid)).toEqual(['start', 'pause(skip)', 'resume']);
      await completed(callSid);
    } finally {
      expect((await switchCoastal(true)).statusCode).toBe(200);
    }
  });

  it('R15 the provider refusing a pause is reported to the agent (pause by hand), never shown as done', async () => {
    const callSid = newCallSid();
    await voice(callSid, ANA_DIRECT);
    await answered(callSid);
    await fake.close();
    try {
      const stopped = await api.as('agent', {
        method: 'POST',
        url: `/api/networks/summit/live-calls/${callSid}/events`,
        payload: { type: 'agent_stop' },
      });
      expect(stopped.statusCode).toBe(502);
      expect(stopped.body).toContain('manually');
    } finally {
      await fake.start();
    }
    await completed(callSid);
  });

  it("R14 R9 a transfer: a SIP leg's REFER (referUrl) to a number is a forward, put through with the same callbacks; an address no template makes is put through as asked, the plan unchanged; nothing else is refused silently", async () => {
    const callSid = newCallSid();
    const route = await voice(callSid, ANA_DIRECT);
    expect(route.body).toContain(`referUrl="${PUBLIC_URL}/twilio/refer"`);
    await answered(callSid);
    expect(fake.recordingSteps(callSid)).toEqual(['start']);
    const refer = (target: string, sid = callSid, account = ACCOUNT, token = TOKEN) =>
      webhook('/twilio/refer', { AccountSid: account, CallSid: sid, ReferTransferTarget: target }, { token });
    const forwarded = await refer('<sip:+17603014000@carrier.example;user=phone>');
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    const expected = new VoiceResponse();
    expected
      .dial({
        action: `${PUBLIC_URL}/twilio/dial-ended`,
        method: 'POST',
        answerOnBridge: true,
        referUrl: `${PUBLIC_URL}/twilio/refer`,
        referMethod: 'POST',
      })
      .number(
        { statusCallback: `${PUBLIC_URL}/twilio/leg-status`, statusCallbackEvent: ['answered'], statusCallbackMethod: 'POST' },
        '+17603014000',
      );
    expect(forwarded.body).toBe(expected.toString());
    // R14: a forwarded call is recorded from the forward on (it was already: nothing more to ask).
    const plan = api.application.calls.get(callSid)!.plan();
    expect(plan.moments.at(-1)).toMatchObject({ event: 'forwarded', recording: 'on' });
    expect(fake.recordingSteps(callSid)).toEqual(['start']);
    // Somewhere no template makes: put through as asked; the plan is as it was.
    const elsewhere = await refer('<sip:someone@elsewhere.example>');
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.body).toContain('>sip:someone@elsewhere.example</Sip>');
    expect(api.application.calls.get(callSid)!.plan().moments).toEqual(plan.moments);
    // Not an address at all, no target, an unknown call, another network's call: refused by name.
    const nonsense = await refer('press 2 for sales');
    expect(nonsense.statusCode).toBe(422);
    expect(nonsense.json().error).toMatchObject({ field: 'ReferTransferTarget', value: 'press 2 for sales' });
    const noTarget = await webhook('/twilio/transfer', { AccountSid: ACCOUNT, CallSid: callSid });
    expect(noTarget.statusCode).toBe(422);
    expect(noTarget.json().error.field).toBe('Target');
    expect((await refer('+17603014000', newCallSid())).statusCode).toBe(404);
    expect((await refer('+17603014000', callSid, OTHER_ACCOUNT, OTHER_TOKEN)).statusCode).toBe(404);
    // The target is part of the signed address: a Target changed after signing is refused.
    const form = { AccountSid: ACCOUNT, CallSid: callSid };
    const signature = twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC_URL}/twilio/transfer?Target=client%3Aemp-ben`, form);
    const changed = await webhook('/twilio/transfer?Target=client%3Aemp-eve', form, { signature });
    expect(changed.statusCode).toBe(403);
    await completed(callSid);
  });

  it("R9 R6 a call moved with the REST API to /twilio/transfer?Target=…: before the answer a queue is a redirect (the answering queue decides), after it a transfer; the new queue's agent answers it again", async () => {
    const callSid = newCallSid();
    expect((await voice(callSid, SUNRISE_MAIN)).body).toContain('q-service');
    const transfer = (target: string) =>
      webhook(`/twilio/transfer?Target=${encodeURIComponent(target)}`, { AccountSid: ACCOUNT, CallSid: callSid });
    const redirected = await transfer('queue:q-billing');
    expect(redirected.statusCode, redirected.body).toBe(200);
    expect(redirected.body).toContain('>q-billing</Enqueue>');
    const leg = (employee: string) =>
      webhook('/twilio/leg-status', {
        AccountSid: ACCOUNT,
        CallSid: newCallSid(),
        ParentCallSid: callSid,
        CallStatus: 'in-progress',
        To: `client:${employee}`,
      });
    await leg('emp-ana');
    expect(api.application.calls.get(callSid)!.answeredBy).toBe('emp-ana');
    const moved = await transfer('queue:q-service');
    expect(moved.statusCode).toBe(200);
    expect(api.application.calls.get(callSid)!.answeredBy).toBeNull();
    await leg('emp-ben');
    expect(api.application.calls.get(callSid)!.answeredBy).toBe('emp-ben');
    // Answered already: a second leg's answer changes nothing.
    await leg('emp-ana');
    expect(api.application.calls.get(callSid)!.answeredBy).toBe('emp-ben');
    await completed(callSid);
  });

  it("B10 a provider's recording past its tenant's time is deleted through the provider's REST API, then its row, audited once; while the provider cannot be reached it is kept for the next run; one the provider no longer has is done", async () => {
    const tenant = '/api/networks/summit/tenants/sunrise-plumbing';
    const version = (await api.as('admin', { method: 'GET', url: tenant })).json().versions.coreRecording as number;
    const kept = await api.as('admin', {
      method: 'PUT',
      url: `${tenant}/recording-retention`,
      headers: { 'if-match': `"v${version}"` },
      payload: { queue: 1, individual: null, voice_agent: null, continuity: null },
    });
    expect(kept.statusCode, kept.body).toBe(200);
    const held = `RE${'c3'.repeat(16)}`;
    const gone = `RE${'d4'.repeat(16)}`;
    const elsewhere = `RE${'e5'.repeat(16)}`;
    fake.held.add(held);
    /** A recording the provider holds under `account`, three days old. */
    const providerRecording = async (sid: string, account: string) => {
      const id = await insertRecording(api.store.db, 'summit', {
        callLogId: `log-${sid}`,
        tenantId: 'sunrise-plumbing',
        sipCallId: `CA${sid.slice(2)}`,
        file: '',
        mediaUrl: `${fake.url}/2010-04-01/Accounts/${account}/Recordings/${sid}`,
        durationMs: 5000,
        segments: [{ start: 0, end: 5 }],
        kind: 'queue',
        caller: '+12145550199',
      });
      await api.store.db
        .updateTable('recordings')
        .set({ created_at: new Date(Date.now() - 3 * 86_400_000).toISOString() })
        .where('id', '=', id)
        .execute();
      return id;
    };
    const ids = [await providerRecording(held, ACCOUNT), await providerRecording(gone, ACCOUNT)];
    // One made under another account (the network's account has changed since): never taken as deleted.
    const foreign = await providerRecording(elsewhere, OTHER_ACCOUNT);
    const provider = { delete: api.twilio!.deleteRecording };
    const remaining = async () =>
      (await api.store.db.selectFrom('recordings').select('id').where('id', 'in', ids).execute()).map((r) => r.id).sort();

    await fake.close();
    const offline = await runRetention(api.application, new Date(), undefined, provider);
    expect(offline.failed.map((f) => f.id).sort()).toEqual([...ids, foreign].sort());
    for (const { reason } of offline.failed) expect(reason).not.toBe('');
    expect(await remaining()).toEqual([...ids].sort());

    await fake.start();
    const run = await runRetention(api.application, new Date(), undefined, provider);
    expect([...run.deleted].sort()).toEqual([...ids].sort());
    expect(run.failed).toEqual([
      {
        id: foreign,
        reason: `the recording is held by account ${OTHER_ACCOUNT}, and the network's account is now ${ACCOUNT}: delete it there`,
      },
    ]);
    expect(await api.store.db.selectFrom('recordings').select('id').where('id', '=', foreign).execute()).toHaveLength(1);
    expect(await remaining()).toEqual([]);
    expect(fake.held.has(held)).toBe(false);
    const deletes = fake.requests.filter((r) => r.method === 'DELETE').map((r) => r.path);
    for (const sid of [held, gone]) expect(deletes).toContain(`/2010-04-01/Accounts/${ACCOUNT}/Recordings/${sid}.json`);
    const audit = (await api.as('admin', { method: 'GET', url: '/api/networks/summit/audit?action=recording.deleted' })).json().entries as {
      resourceId: string;
      before: { heldBy?: string };
    }[];
    expect(
      audit
        .filter((e) => ids.includes(e.resourceId))
        .map((e) => [e.resourceId, e.before.heldBy])
        .sort(),
    ).toEqual(ids.map((id) => [id, 'provider']).sort());
  });
});

describe('issue 14 signatures behind a trusted proxy', () => {
  it('without SWITCHBOARD_PUBLIC_URL, the signed address is what the trusted proxy says the provider called (X-Forwarded-Proto and -Host); an untrusted hop is not believed', async () => {
    const fake = new TwilioRestFake(new Map([[ACCOUNT, TOKEN]]));
    await fake.start();
    const targets = { targets: TARGETS, apiUrl: fake.url, publicUrl: null };
    const behind = await startTestApi('sqlite', { trustProxy: true }, { secretKey: randomBytes(32).toString('hex'), twilio: targets });
    const direct = await startTestApi('sqlite', {}, { secretKey: randomBytes(32).toString('hex'), twilio: targets });
    try {
      const form = { AccountSid: ACCOUNT, CallSid: newCallSid(), From: '+14158672200', To: SUNRISE_MAIN };
      const signature = twilio.getExpectedTwilioSignature(TOKEN, 'https://calls.example.org/twilio/voice', form);
      const send = (api: TestApi) =>
        api.as(null, {
          method: 'POST',
          url: '/twilio/voice',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': signature,
            'x-forwarded-proto': 'https',
            'x-forwarded-host': 'calls.example.org',
          },
          payload: new URLSearchParams(form).toString(),
        });
      for (const api of [behind, direct]) {
        const set = await api.as('admin', {
          method: 'PUT',
          url: '/api/networks/summit/twilio',
          payload: { accountSid: ACCOUNT, authToken: TOKEN },
        });
        expect(set.statusCode).toBe(200);
      }
      const trusted = await send(behind);
      expect(trusted.statusCode, trusted.body).toBe(200);
      // The callbacks in the answer point where the provider called.
      expect((await send(behind)).body).toContain('https://calls.example.org/twilio/dial-ended');
      expect((await send(direct)).statusCode).toBe(403);
    } finally {
      await behind.close();
      await direct.close();
      await fake.close();
    }
  });
});
