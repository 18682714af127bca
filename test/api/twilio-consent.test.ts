/**
 * B7 on the Twilio-compatible edge: where the caller's law asks every party's consent (or the
 * tenant announces always), the TwiML plays the consent announcement (<Play>, served by
 * Switchboard) before the call is put through (<Dial>), so the recording REST call, made at the
 * answer, comes after it; the call log entry and the recording are stamped with the consent given.
 * Webhooks are signed as the provider signs them; the REST API is the local stand-in.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TwilioRestFake } from '../fakes/twilio-rest-fake.js';
import { startTestApi, type TestApi } from '../api.js';

const PUBLIC_URL = 'https://switchboard.example';
const ACCOUNT = `AC${'c3'.repeat(16)}`;
const TOKEN = randomBytes(16).toString('hex');
const TARGETS = { queue: 'queue:{id}', employee: 'client:{id}', voiceAgent: 'sip:{id}@va.example', number: '{number}' };
/** Ana's direct line: her own calls, recorded automatically from the answer (R7). */
const ANA_DIRECT = '+16198675701';
/** Sunrise Plumbing's main number: its Service queue. */
const SUNRISE_MAIN = '+16198675301';
const CALIFORNIAN = '+14158672200';
const TEXAN = '+12148672200';
const ANNOUNCEMENT = fileURLToPath(new URL('../../assets/consent-announcement.wav', import.meta.url));
const PLAY = `<Play>${PUBLIC_URL}/twilio/consent-announcement.wav</Play>`;
let calls = 0;
const newCallSid = () => `CA${String(++calls).padStart(32, '7')}`;

interface Stamp {
  jurisdiction: { country: string | null; region: string | null };
  rule: string;
  announcementRequired: boolean;
  announcedAt: number | null;
}

describe('B7 consent announcements on the Twilio-compatible edge', () => {
  let api: TestApi;
  let fake: TwilioRestFake;

  beforeAll(async () => {
    fake = new TwilioRestFake(new Map([[ACCOUNT, TOKEN]]));
    await fake.start();
    api = await startTestApi(
      'sqlite',
      {},
      {
        secretKey: randomBytes(32).toString('hex'),
        twilio: { targets: TARGETS, apiUrl: fake.url, publicUrl: PUBLIC_URL },
        consentAnnouncement: ANNOUNCEMENT,
      },
    );
    const set = await api.as('admin', {
      method: 'PUT',
      url: '/api/networks/summit/twilio',
      payload: { accountSid: ACCOUNT, authToken: TOKEN },
    });
    expect(set.statusCode, set.body).toBe(200);
  });
  afterAll(async () => {
    await api?.close();
    await fake?.close();
  });

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
  const voice = (callSid: string, from: string, to = ANA_DIRECT) =>
    webhook('/twilio/voice', { AccountSid: ACCOUNT, CallSid: callSid, From: from, To: to, CallStatus: 'ringing', Direction: 'inbound' });
  const answered = (callSid: string) =>
    webhook('/twilio/leg-status', {
      AccountSid: ACCOUNT,
      CallSid: newCallSid(),
      ParentCallSid: callSid,
      CallStatus: 'in-progress',
      To: 'client:emp-ana',
    });
  const live = async (callSid: string) =>
    (await api.as('admin', { method: 'GET', url: '/api/networks/summit/live-calls' }))
      .json()
      .calls.find((c: { callId: string }) => c.callId === callSid).plan as {
      announcedAt: number | null;
      segments: { start: number; end: number | null }[];
    };
  const logged = async (callSid: string) => {
    expect((await webhook('/twilio/status', { AccountSid: ACCOUNT, CallSid: callSid, CallStatus: 'completed' })).statusCode).toBe(200);
    const entries = (await api.as('admin', { method: 'GET', url: '/api/networks/summit/calls?limit=500' })).json().calls as {
      id: string;
      from: string;
      consent: Stamp | null;
    }[];
    return entries;
  };

  it('B7 a Californian caller hears <Play> of the consent announcement before <Dial>; the recording REST call comes at the answer, after it; the call and its recording are stamped', async () => {
    const callSid = newCallSid();
    const route = await voice(callSid, CALIFORNIAN);
    expect(route.statusCode, route.body).toBe(200);
    expect(route.body).toContain(PLAY);
    expect(route.body.indexOf(PLAY)).toBeLessThan(route.body.indexOf('<Dial'));
    // Nothing recorded while the caller hears it and the call rings.
    expect(fake.recordingSteps(callSid)).toEqual([]);
    // The provider fetches the announcement from Switchboard, without credentials.
    const audio = await api.as(null, { method: 'GET', url: '/twilio/consent-announcement.wav' });
    expect(audio.statusCode).toBe(200);
    expect(audio.headers['content-type']).toBe('audio/wav');
    expect(audio.rawPayload.equals(readFileSync(ANNOUNCEMENT))).toBe(true);

    expect((await answered(callSid)).statusCode).toBe(200);
    expect(fake.recordingSteps(callSid)).toEqual(['start']);
    const plan = await live(callSid);
    expect(plan.announcedAt).not.toBeNull();
    expect(plan.segments[0]!.start).toBeGreaterThanOrEqual(plan.announcedAt!);

    const entry = (await logged(callSid)).find((c) => c.from === CALIFORNIAN)!;
    expect(entry.consent).toMatchObject({
      jurisdiction: { country: 'US', region: 'US-CA' },
      rule: 'all_party',
      announcementRequired: true,
      announcedAt: plan.announcedAt,
    });
    const recordingSid = `RE${'c3'.repeat(16)}`;
    const done = await webhook('/twilio/recording-status', {
      AccountSid: ACCOUNT,
      CallSid: callSid,
      RecordingSid: recordingSid,
      RecordingStatus: 'completed',
      RecordingDuration: '12',
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Recordings/${recordingSid}`,
    });
    expect(done.statusCode).toBe(200);
    const recordings = (await api.as('admin', { method: 'GET', url: '/api/networks/summit/recordings' })).json().recordings as {
      sipCallId: string;
      consent: Stamp | null;
    }[];
    expect(recordings.find((r) => r.sipCallId === callSid)?.consent).toEqual(entry.consent);
  });

  it('B7 a Texan caller (one-party consent) hears no announcement; once the tenant announces always, a Texan caller to a number of the tenant hears it too', async () => {
    const texan = newCallSid();
    const route = await voice(texan, TEXAN);
    expect(route.body).not.toContain('<Play>');
    expect((await answered(texan)).statusCode).toBe(200);
    expect(fake.recordingSteps(texan)).toEqual(['start']);
    expect((await live(texan)).announcedAt).toBeNull();
    expect((await logged(texan)).find((c) => c.from === TEXAN)?.consent).toEqual({
      jurisdiction: { country: 'US', region: 'US-TX' },
      rule: 'one_party',
      announcementRequired: false,
      announcedAt: null,
    });

    const tenant = '/api/networks/summit/tenants/sunrise-plumbing';
    const version = (await api.as('admin', { method: 'GET', url: tenant })).json().versions.coreRecording as number;
    const saved = await api.as('admin', {
      method: 'PUT',
      url: `${tenant}/recording-consent`,
      headers: { 'if-match': `"v${version}"` },
      payload: { policy: 'announce_always' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // The tenant's own number (its Service queue): its calls follow its policy.
    const always = (await voice(newCallSid(), TEXAN, SUNRISE_MAIN)).body;
    expect(always).toContain(PLAY);
    expect(always.indexOf(PLAY)).toBeLessThan(always.indexOf('<Enqueue'));
  });
});
