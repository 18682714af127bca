/**
 * Recording compliance with real calls through Kamailio, rtpengine and Switchboard.
 * B8: a pause left on resumes by itself at the tenant's maximum, at that second of the WAV.
 * B7: a caller from an all-party-consent
 * state hears the consent announcement (rtpengine plays it to them: its tones are found in the RTP
 * the caller receives), and the recording starts only once it has played (the agent's first
 * seconds are not in the WAV); the recording is stamped with the consent given. A caller from a
 * one-party state hears none and is recorded from the answer.
 * B10: the suite runs with a recording key (in a file outside the data folder): every WAV is sealed
 * on disk (0600, no audio readable in it) and served opened through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import alawmulaw from 'alawmulaw';
import { callWav, wavSamples } from '../../src/edges/sip/recording/call-audio.js';
import { isSealed, open } from '../../src/shared/sealed-file.js';
import { Answerer, callListening, PORTS, Switchboard, Telephony, waitFor } from './sip-harness.js';
import { tonePcap, tonesIn } from './tones.js';

const QUEUE_LINE = '+16198675301';
/** San Francisco: California asks every party's consent. */
const CALIFORNIAN = '+14158672201';
/** Dallas: Texas asks one party's. */
const TEXAN = '+12148672201';
/** The announcement: three seconds of tones 10, 11 and 12 (toneOf), the agent's voice tones 0 to 9. */
const ANNOUNCEMENT_TONES = [10, 11, 12];

describe('B7 B8 recording compliance on real calls', () => {
  const telephony = new Telephony();
  const announcement = join(telephony.dir, 'consent-announcement.wav');
  const recordingKey = randomBytes(32);
  const keyFile = join(telephony.dir, 'recording.key');
  const switchboard = new Switchboard(telephony, {
    env: { SWITCHBOARD_CONSENT_ANNOUNCEMENT: announcement, SWITCHBOARD_RECORDING_KEY_FILE: keyFile },
  });
  let agent: Answerer;

  beforeAll(async () => {
    writeFileSync(announcement, callWav([tonePcap(3, 10)]));
    writeFileSync(keyFile, recordingKey.toString('hex'), { mode: 0o600 });
    // The agent speaks from the moment they answer: ten seconds of tones 0 to 9.
    const voice = join(telephony.dir, 'agent-voice.pcap');
    writeFileSync(voice, tonePcap(10));
    const talking = join(telephony.dir, 'answerer-talking.xml');
    writeFileSync(
      talking,
      readFileSync(new URL('./scenarios/answerer.xml', import.meta.url), 'utf8')
        // sipp acts (<nop>) only after a message it must receive: the ACK is awaited here.
        .replace('<recv request="ACK" optional="true"', '<recv request="ACK"')
        .replace('<recv request="BYE" />', `<nop><action><exec play_pcap_audio="${voice}" /></action></nop>\n  <recv request="BYE" />`),
    );
    telephony.up();
    agent = new Answerer(telephony.dir, PORTS.queue, 'emp-ana', { scenario: talking });
    await switchboard.start();
    // The Service queue records by itself and its announcement option says none: only B7 announces.
    const current = await switchboard.api<Record<string, unknown> & { version: number }>('GET', '/api/networks/summit/recording-defaults');
    const { trigger, connectedMode, individual, transfer } = current.body;
    const saved = await switchboard.api(
      'PUT',
      '/api/networks/summit/recording-defaults',
      { trigger, connectedMode, individual, transfer, queue: { mode: 'always', announcement: 'none' } },
      { 'if-match': `"v${current.body.version}"` },
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await switchboard.stop();
    await agent?.stop();
    telephony.down();
  }, 60_000);

  interface Stamp {
    jurisdiction: { country: string | null; region: string | null };
    rule: string;
    announcementRequired: boolean;
    announcedAt: number | null;
  }
  interface Recording {
    id: string;
    callLogId: string;
    segments: { start: number; end: number | null }[];
    consent: Stamp | null;
  }
  interface LoggedCall {
    id: string;
    from: string;
    segments: { start: number; end: number | null }[];
    reasons: { rule: string; text: string }[];
    consent: Stamp | null;
  }

  const heardTones = (payloads: Buffer[]) =>
    tonesIn(
      Int16Array.from(Buffer.concat(payloads), (byte) => alawmulaw.alaw.decodeSample(byte)),
      13,
    );
  const recordingOf = async (caller: string) => {
    const logged = await waitFor(async () => {
      const calls = (await switchboard.api<{ calls: LoggedCall[] }>('GET', '/api/networks/summit/calls')).body.calls;
      return calls.find((c) => c.from === caller);
    }, `the call from ${caller} in the call log`);
    const recording = await waitFor(async () => {
      const all = (await switchboard.api<{ recordings: Recording[] }>('GET', '/api/networks/summit/recordings')).body.recordings;
      return all.find((r) => r.callLogId === logged.id);
    }, `the recording of the call from ${caller}`);
    const response = await fetch(`${switchboard.url}/api/networks/summit/recordings/${recording.id}/audio`, {
      headers: await switchboard.headers(),
    });
    const wav = Buffer.from(await response.arrayBuffer());
    return { logged, recording, wav, tones: tonesIn(wavSamples(wav), 13) };
  };

  it('B7 a Californian caller on a queue whose announcement is none hears the consent announcement, and the recording starts once it has played; the recording is stamped with the consent given', async () => {
    const heard = await callListening(telephony.dir, QUEUE_LINE, CALIFORNIAN, 8000);
    expect(heard.code, heard.output.slice(0, 2500)).toBe(0);
    const tones = heardTones(heard.payloads);
    // The caller heard the announcement, then the agent.
    for (const tone of ANNOUNCEMENT_TONES) expect(tones, `announcement tone ${tone} heard`).toContain(tone);
    expect(tones, "the agent's voice heard after the announcement").toContain(5);

    const { logged, recording, tones: recorded } = await recordingOf(CALIFORNIAN);
    const stamp = { jurisdiction: { country: 'US', region: 'US-CA' }, rule: 'all_party', announcementRequired: true };
    expect(logged.consent).toMatchObject(stamp);
    expect(recording.consent).toEqual(logged.consent);
    // Played for its three seconds after the answer; the recording's first second is after it.
    const announcedAt = recording.consent!.announcedAt!;
    expect(announcedAt).toBeGreaterThanOrEqual(3);
    expect(recording.segments[0]!.start).toBeGreaterThanOrEqual(announcedAt);
    expect(logged.reasons.filter((r) => r.rule === 'B7').map((r) => r.text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/waits until the consent announcement/),
        expect.stringMatching(/has played: recording starts/),
      ]),
    );
    // What the agent said while the caller heard the announcement is not in the audio; what they said after is.
    for (const second of [0, 1]) expect(recorded, `the agent's second ${second}, during the announcement`).not.toContain(second);
    for (const second of [4, 5, 6]) expect(recorded, `the agent's second ${second}, after it`).toContain(second);
    for (const tone of ANNOUNCEMENT_TONES) expect(recorded, `announcement tone ${tone}`).not.toContain(tone);
  }, 60_000);

  it('B7 a Texan caller (one-party consent) hears no announcement and is recorded from the answer', async () => {
    const heard = await callListening(telephony.dir, QUEUE_LINE, TEXAN, 5000);
    expect(heard.code, heard.output.slice(0, 2500)).toBe(0);
    const tones = heardTones(heard.payloads);
    for (const tone of ANNOUNCEMENT_TONES) expect(tones, `announcement tone ${tone}`).not.toContain(tone);
    expect(tones).toContain(0);

    const { recording, tones: recorded } = await recordingOf(TEXAN);
    expect(recording.consent).toEqual({
      jurisdiction: { country: 'US', region: 'US-TX' },
      rule: 'one_party',
      announcementRequired: false,
      announcedAt: null,
    });
    expect(recording.segments[0]!.start).toBeLessThan(1);
    for (const second of [0, 1, 2]) expect(recorded, `the agent's second ${second}`).toContain(second);
  }, 60_000);

  it('B10 a recording is sealed at rest with the configured key: its file (0600) holds no audio, and opens with the key to the WAV the API serves', async () => {
    const heard = await callListening(telephony.dir, QUEUE_LINE, '+12148672203', 4000);
    expect(heard.code, heard.output.slice(0, 2500)).toBe(0);
    const { logged, wav } = await recordingOf('+12148672203');
    expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
    const file = join(switchboard.dataDir, 'recordings', `${logged.id}.wav`);
    const stored = readFileSync(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(isSealed(stored)).toBe(true);
    expect(stored.includes(Buffer.from('RIFF'))).toBe(false);
    expect(stored.includes(wav.subarray(44, 108))).toBe(false);
    expect(open(recordingKey, stored, `${logged.id}.wav`).equals(wav)).toBe(true);
  }, 60_000);

  it("B8 a recording paused through the API and left paused resumes by itself at the tenant's maximum: the WAV holds the seconds before the pause and after its end, none between", async () => {
    const tenant = '/api/networks/summit/tenants/sunrise-plumbing';
    const version = (await switchboard.api<{ versions: { coreRecording: number } }>('GET', tenant)).body.versions.coreRecording;
    const saved = await switchboard.api('PUT', `${tenant}/recording-pause`, { maxPauseSeconds: 5 }, { 'if-match': `"v${version}"` });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const caller = '+12148672202';
    const calling = callListening(telephony.dir, QUEUE_LINE, caller, 10_000);
    type Live = { calls: { callId: string; from: string; plan: { moments: { event: string; at: number }[] } }[] };
    const live = await waitFor(async () => {
      const calls = (await switchboard.api<Live>('GET', '/api/networks/summit/live-calls')).body.calls;
      return calls.find((c) => c.from === caller && c.plan.moments.some((m) => m.event === 'answered'));
    }, 'the answered call on the console');
    const answeredAt = live.plan.moments.find((m) => m.event === 'answered')!.at;
    // Two seconds into the agent's voice, an integration pauses the recording and never resumes it.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const paused = await switchboard.api<{ plan: { pauseEndsAt: number; moments: { at: number }[] } }>(
      'POST',
      `/api/networks/summit/live-calls/${encodeURIComponent(live.callId)}/pause`,
      { reason: 'card details on the IVR' },
    );
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    const pausedAt = paused.body.plan.moments.at(-1)!.at;
    expect(paused.body.plan.pauseEndsAt).toBeCloseTo(pausedAt + 5, 6);
    const heard = await calling;
    expect(heard.code, heard.output.slice(0, 2500)).toBe(0);

    const { logged, recording, tones } = await recordingOf(caller);
    expect(logged.reasons.map((r) => r.text)).toContain('The recording was paused for the maximum of 5 seconds: it resumes by itself.');
    expect(recording.segments).toHaveLength(2);
    expect(recording.segments[0]!.end).toBeCloseTo(pausedAt, 6);
    expect(recording.segments[1]!.start).toBeCloseTo(pausedAt + 5, 6);
    // The agent's seconds (tones from the answer): before the pause in, during it out, after its end in.
    const second = (s: number) => Math.floor(s - answeredAt);
    for (const s of [0, 1]) expect(tones, `second ${s}, before the pause`).toContain(s);
    for (const s of [second(pausedAt) + 1, second(pausedAt) + 2, second(pausedAt) + 3])
      expect(tones, `second ${s}, paused`).not.toContain(s);
    expect(tones, 'the second after the pause ended').toContain(second(pausedAt + 5) + 1);
  }, 60_000);
});
