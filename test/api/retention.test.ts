/**
 * B10 on both databases: how long a tenant keeps each kind of recording (versioned, audited),
 * legal holds placed and lifted, the deletion job (file and row gone, each deletion audited once,
 * held recordings kept; a run stopped midway resumes without deleting or auditing twice), and every
 * listen and download audited with who and from where.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRetention } from '../../src/app/retention-runner.js';
import type { RecordingKind } from '../../src/domain/retention.js';
import { seal } from '../../src/shared/sealed-file.js';
import { insertRecording } from '../../src/store/recordings.repository.js';
import { startTestApi, type TestApi } from '../api.js';
import { DIALECTS } from '../stores.js';

const base = '/api/networks/summit';
const tenant = `${base}/tenants/sunrise-plumbing`;
const DAY = 86_400_000;

describe.each(DIALECTS)('B10 recording retention and legal holds (%s)', (dialect) => {
  let api: TestApi;
  let dir: string;
  beforeEach(async () => {
    api = await startTestApi(dialect);
    dir = mkdtempSync(join(tmpdir(), 'sb-retention-'));
  });
  afterEach(async () => api.close());

  /** A stored recording of Sunrise Plumbing's, `ageDays` old, with its WAV. */
  let made = 0;
  const recording = async (kind: RecordingKind, ageDays: number, caller = '+12145550100', callLogId = `call-${++made}`) => {
    const file = join(dir, `${callLogId}.wav`);
    writeFileSync(file, Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(40)]), { mode: 0o600 });
    const id = await insertRecording(api.store.db, 'summit', {
      callLogId,
      tenantId: 'sunrise-plumbing',
      sipCallId: `${callLogId}@sip`,
      file,
      durationMs: 2000,
      segments: [{ start: 0, end: 2 }],
      kind,
      caller,
    });
    await api.store.db
      .updateTable('recordings')
      .set({ created_at: new Date(Date.now() - ageDays * DAY).toISOString() })
      .where('id', '=', id)
      .execute();
    return { id, file, callLogId };
  };
  const keep = async (retention: Record<RecordingKind, number | null>) => {
    const version = (await api.as('tenantAdmin', { method: 'GET', url: tenant })).json().versions.coreRecording as number;
    return api.as('tenantAdmin', {
      method: 'PUT',
      url: `${tenant}/recording-retention`,
      headers: { 'if-match': `"v${version}"` },
      payload: retention,
    });
  };
  /** A call of the log, as an edge writes it (a call hold names one; the call log shows its recordings). */
  const logCall = (id: string, from: string) =>
    api.store.db
      .insertInto('call_log')
      .values({
        id,
        network_id: 'summit',
        tenant_id: 'sunrise-plumbing',
        started_at: new Date().toISOString(),
        direction: 'inbound',
        from_number: from,
        to_number: '+16198675301',
        rule_set: 'contact_center',
        route: null,
        segments: '[]',
        logged_in: '[]',
        synced: 0,
        reasons: '[]',
        source: 'sip',
        call_id: null,
      })
      .execute();
  const rows = async () => (await api.store.db.selectFrom('recordings').select('id').execute()).map((r) => r.id);
  const deletions = async () =>
    (await api.as('admin', { method: 'GET', url: `${base}/audit?action=recording.deleted&limit=100` })).json().entries as {
      resourceId: string;
    }[];

  it('B10 a tenant keeps each kind of recording its number of days (null: for ever): set with its version, refused out of range by name, audited', async () => {
    const opened = (await api.as('tenantAdmin', { method: 'GET', url: tenant })).json();
    expect(opened.recordingRetention).toEqual({ queue: null, individual: null, voice_agent: null, continuity: null });
    const bad = await keep({ queue: 0, individual: null, voice_agent: null, continuity: null });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.field).toContain('queue');
    const saved = await keep({ queue: 30, individual: 90, voice_agent: null, continuity: 7 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().recordingRetention).toEqual({ queue: 30, individual: 90, voice_agent: null, continuity: 7 });
    const audit = (await api.as('admin', { method: 'GET', url: `${base}/audit?action=tenant.recording_retention` })).json().entries;
    expect(audit[0]).toMatchObject({ after: { queue: 30, continuity: 7 } });
  });

  it('B10 recordings past their time are gone (file and row), each deletion audited once; held ones (the call, the caller, the tenant) stay until the hold is lifted', async () => {
    expect((await keep({ queue: 30, individual: null, voice_agent: null, continuity: null })).statusCode).toBe(200);
    const expired = await recording('queue', 40);
    const young = await recording('queue', 10);
    const forever = await recording('individual', 400);
    const heldCall = await recording('queue', 40);
    const heldCaller = await recording('queue', 40, '+14155550199');
    const hold = (kind: string, value: string) =>
      api.as('admin', { method: 'POST', url: `${base}/legal-holds`, payload: { kind, value, reason: 'litigation 2026-114' } });
    const onCall = await hold('call', heldCall.callLogId);
    // A call hold names a call of the log: this one is not (the test's recordings have no log entry), so it is refused by name.
    expect(onCall.statusCode).toBe(422);
    expect(onCall.json().error.field).toBe('value');
    await logCall(heldCall.callLogId, '+12145550100');
    const callHold = await hold('call', heldCall.callLogId);
    expect(callHold.statusCode, callHold.body).toBe(201);
    expect((await hold('caller', '(415) 555-0199')).json()).toMatchObject({ kind: 'caller', value: '+14155550199' });
    const badCaller = await hold('caller', 'not a number');
    expect(badCaller.statusCode).toBe(422);
    expect(badCaller.json().error.field).toBe('value');
    expect(
      (
        await api.as('tenantAdmin', {
          method: 'POST',
          url: `${base}/legal-holds`,
          payload: { kind: 'tenant', value: 'sunrise-plumbing', reason: 'x' },
        })
      ).statusCode,
    ).toBe(403);

    const run = await runRetention(api.application);
    expect(run.deleted).toEqual([expired.id]);
    expect(run.held).toBe(2);
    expect(existsSync(expired.file)).toBe(false);
    expect(await rows()).not.toContain(expired.id);
    for (const kept of [young, forever, heldCall, heldCaller]) {
      expect(await rows()).toContain(kept.id);
      expect(existsSync(kept.file)).toBe(true);
    }
    expect((await deletions()).map((e) => e.resourceId)).toEqual([expired.id]);

    // A hold on the tenant keeps everything of it; lifting every hold lets retention take its course.
    const onTenant = await hold('tenant', 'sunrise-plumbing');
    expect(onTenant.statusCode).toBe(201);
    const later = await recording('queue', 50);
    expect((await runRetention(api.application)).deleted).toEqual([]);
    const holds = (await api.as('admin', { method: 'GET', url: `${base}/legal-holds` })).json().holds as { id: string }[];
    for (const { id } of holds) {
      const lifted = await api.as('admin', { method: 'POST', url: `${base}/legal-holds/${id}/lift`, payload: { reason: 'case closed' } });
      expect(lifted.statusCode, lifted.body).toBe(200);
      expect(lifted.json()).toMatchObject({ liftReason: 'case closed', liftedBy: expect.any(String) });
    }
    expect(
      (await api.as('admin', { method: 'POST', url: `${base}/legal-holds/${holds[0]!.id}/lift`, payload: { reason: 'again' } })).statusCode,
    ).toBe(404);
    expect([...(await runRetention(api.application)).deleted].sort()).toEqual([heldCall.id, heldCaller.id, later.id].sort());
    const placed = (await api.as('admin', { method: 'GET', url: `${base}/audit?action=legal_hold.place` })).json().entries;
    expect(placed).toHaveLength(3);
  });

  it('B10 a deletion run stopped midway resumes where it stopped: every expired recording deleted once, audited once', async () => {
    expect((await keep({ queue: 1, individual: null, voice_agent: null, continuity: null })).statusCode).toBe(200);
    const expired = await Promise.all([2, 3, 4, 5, 6].map((age) => recording('queue', age)));
    let seen = 0;
    await expect(
      runRetention(api.application, new Date(), () => {
        if (++seen === 2) throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect((await rows()).length).toBe(3);
    const rest = await runRetention(api.application);
    expect(rest.deleted).toHaveLength(3);
    expect(await rows()).toEqual([]);
    for (const { file } of expired) expect(existsSync(file)).toBe(false);
    expect((await deletions()).map((e) => e.resourceId).sort()).toEqual(expired.map((r) => r.id).sort());
  });

  it('B10 one run deletes every expired recording, page after page: held ones (the oldest here) are passed over, not read again', async () => {
    expect((await keep({ queue: 1, individual: null, voice_agent: null, continuity: null })).statusCode).toBe(200);
    const old = Date.now() - 5 * DAY;
    await api.store.db
      .insertInto('recordings')
      .values(
        Array.from({ length: 1203 }, (_, i) => ({
          id: `bulk-${String(i).padStart(4, '0')}`,
          network_id: 'summit',
          call_log_id: `bulk-call-${i}`,
          tenant_id: 'sunrise-plumbing',
          sip_call_id: `bulk-${i}@sip`,
          file: '',
          duration_ms: 1000,
          segments: '[]',
          // The three oldest share one second (the page's order goes by id next), from a held caller.
          created_at: new Date(old + Math.max(0, i - 2) * 1000).toISOString(),
          kind: 'queue',
          caller: i < 3 ? '+14155550123' : '+12145550100',
        })),
      )
      .execute();
    const held = await api.as('admin', {
      method: 'POST',
      url: `${base}/legal-holds`,
      payload: { kind: 'caller', value: '+14155550123', reason: 'litigation 2026-114' },
    });
    expect(held.statusCode).toBe(201);
    const run = await runRetention(api.application);
    expect(run.deleted).toHaveLength(1200);
    expect(run.held).toBe(3);
    expect(await rows()).toEqual(['bulk-0000', 'bulk-0001', 'bulk-0002']);
  });

  it("B10 the call log shows a recorded call's recording and until when it is kept; a legal hold keeps it until lifted", async () => {
    expect((await keep({ queue: 30, individual: null, voice_agent: null, continuity: null })).statusCode).toBe(200);
    const { id, callLogId } = await recording('queue', 10, '+14155550188');
    await logCall(callLogId, '+14155550188');
    const logged = async () =>
      (
        (await api.as('tenantAdmin', { method: 'GET', url: `${base}/calls` })).json().calls as {
          id: string;
          recordings: { id: string; kind: string; keptUntil: string | null; held: boolean; createdAt: string }[];
        }[]
      ).find((c) => c.id === callLogId)!.recordings[0]!;
    const shown = await logged();
    expect(shown).toMatchObject({ id, kind: 'queue', held: false });
    expect(Date.parse(shown.keptUntil!) - Date.parse(shown.createdAt)).toBe(30 * DAY);
    const held = await api.as('admin', {
      method: 'POST',
      url: `${base}/legal-holds`,
      payload: { kind: 'caller', value: '+14155550188', reason: 'litigation 2026-114' },
    });
    expect(held.statusCode).toBe(201);
    expect(await logged()).toMatchObject({ held: true, keptUntil: null });
  });

  it('B10 a legal hold placed while a run goes on stops the deletions after it', async () => {
    expect((await keep({ queue: 1, individual: null, voice_agent: null, continuity: null })).statusCode).toBe(200);
    const caller = '+14155550166';
    const made = [];
    for (const age of [9, 8, 7, 6]) made.push(await recording('queue', age, caller));
    let placed = false;
    const run = await runRetention(api.application, new Date(), async () => {
      if (placed) return;
      placed = true;
      // Placed by someone else once the run has deleted the first: it reads the holds before each deletion.
      const hold = await api.as('admin', {
        method: 'POST',
        url: `${base}/legal-holds`,
        payload: { kind: 'caller', value: caller, reason: 'subpoena' },
      });
      expect(hold.statusCode).toBe(201);
    });
    expect(run.deleted).toEqual([made[0]!.id]);
    expect(run.held).toBe(3);
    expect((await rows()).length).toBe(3);
    for (const { file } of made.slice(1)) expect(existsSync(file)).toBe(true);
  });

  it('B10 every listen and download of a recording is audited, with who and from where', async () => {
    const { id } = await recording('queue', 0);
    const listened = await api.as('admin', { method: 'GET', url: `${base}/recordings/${id}/audio?as=listen`, remoteAddress: '192.0.2.7' });
    expect(listened.statusCode).toBe(200);
    expect(listened.headers['content-disposition']).toMatch(/^inline/);
    expect((await api.as('admin', { method: 'GET', url: `${base}/recordings/${id}/audio` })).headers['content-disposition']).toMatch(
      /^attachment/,
    );
    const entry = async (action: string) =>
      (
        (await api.as('admin', { method: 'GET', url: `${base}/audit?action=${action}` })).json().entries as {
          resourceId: string;
          address: string | null;
        }[]
      )[0];
    expect(await entry('recording.listened')).toMatchObject({ resourceId: id, address: '192.0.2.7' });
    expect(await entry('recording.downloaded')).toMatchObject({ resourceId: id });
  });

  it('B10 a player asks for the rest after a pause or a seek (a Range): served in part, and still one listen in the audit log; the rest asked with no listen before is audited', async () => {
    const { id, file } = await recording('queue', 0);
    const stored = Buffer.concat([Buffer.from('RIFF'), randomBytes(2000)]);
    writeFileSync(file, stored);
    const get = (range?: string, persona: 'admin' | 'secondAdmin' = 'admin') =>
      api.as(persona, { method: 'GET', url: `${base}/recordings/${id}/audio?as=listen`, ...(range ? { headers: { range } } : {}) });
    const first = await get('bytes=0-');
    expect(first.statusCode).toBe(206);
    expect(first.headers['content-range']).toBe(`bytes 0-${stored.length - 1}/${stored.length}`);
    expect(first.rawPayload.equals(stored)).toBe(true);
    const rest = await get('bytes=1000-');
    expect(rest.statusCode).toBe(206);
    expect(rest.headers['accept-ranges']).toBe('bytes');
    expect(rest.rawPayload.equals(stored.subarray(1000))).toBe(true);
    const middle = await get('bytes=100-199');
    expect(middle.headers['content-length']).toBe('100');
    expect(middle.rawPayload.equals(stored.subarray(100, 200))).toBe(true);
    const listens = async () =>
      (await api.as('admin', { method: 'GET', url: `${base}/audit?action=recording.listened` })).json().entries.length as number;
    expect(await listens()).toBe(1);
    // A Range it does not serve (several spans, past the end, malformed) is ignored: the whole audio, a listen from its start.
    for (const range of ['bytes=0-9,20-29', 'bytes=99999-', 'pages=1-2']) {
      const whole = await get(range);
      expect(whole.statusCode).toBe(200);
      expect(whole.rawPayload.equals(stored)).toBe(true);
    }
    expect(await listens()).toBe(4);
    // The rest of the audio asked by someone who has not listened to it: audited (nothing is had unaudited).
    const unheard = await get('bytes=1-', 'secondAdmin');
    expect(unheard.statusCode).toBe(206);
    expect(await listens()).toBe(5);
    // Their further request for the rest is that listen.
    expect((await get('bytes=1500-', 'secondAdmin')).statusCode).toBe(206);
    expect(await listens()).toBe(5);
  });
});

describe('B10 recordings sealed at rest are served opened, by a node with the key only', () => {
  const key = randomBytes(32);
  const wav = Buffer.concat([Buffer.from('RIFF'), randomBytes(400)]);
  const stored = async (api: TestApi) => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-sealed-')), 'call-1.wav');
    writeFileSync(file, seal(key, wav, 'call-1.wav'), { mode: 0o600 });
    return insertRecording(api.store.db, 'summit', {
      callLogId: 'call-1',
      tenantId: 'sunrise-plumbing',
      sipCallId: 'call-1@sip',
      file,
      durationMs: 2000,
      segments: [{ start: 0, end: 2 }],
      kind: 'queue',
      caller: '+12145550100',
    });
  };

  it('B10 with the key: the WAV as it was recorded, and the listen audited', async () => {
    const api = await startTestApi('sqlite', {}, { recordingKey: key });
    try {
      const id = await stored(api);
      const response = await api.as('admin', { method: 'GET', url: `${base}/recordings/${id}/audio?as=listen` });
      expect(response.statusCode).toBe(200);
      expect(response.rawPayload.equals(wav)).toBe(true);
      // The opened WAV served in part, as a player asks for it: not another listen.
      const rest = await api.as('admin', {
        method: 'GET',
        url: `${base}/recordings/${id}/audio?as=listen`,
        headers: { range: 'bytes=100-' },
      });
      expect(rest.statusCode).toBe(206);
      expect(rest.rawPayload.equals(wav.subarray(100))).toBe(true);
      const audit = (await api.as('admin', { method: 'GET', url: `${base}/audit?action=recording.listened` })).json().entries;
      expect(audit).toEqual([expect.objectContaining({ resourceId: id })]);
    } finally {
      await api.close();
    }
  });

  it('B10 without the key, or with another: an error that says why, no audio, nothing audited as heard', async () => {
    for (const recordingKey of [undefined, randomBytes(32)]) {
      const api = await startTestApi('sqlite', {}, recordingKey === undefined ? {} : { recordingKey });
      try {
        const id = await stored(api);
        const response = await api.as('admin', { method: 'GET', url: `${base}/recordings/${id}/audio` });
        if (recordingKey === undefined) {
          expect(response.statusCode).toBe(503);
          expect(response.json().error).toMatchObject({ code: 'not_configured', field: 'SWITCHBOARD_RECORDING_KEY' });
        } else {
          expect(response.statusCode).toBe(500);
          expect(response.json().error).toMatchObject({
            code: 'recording_unreadable',
            message: expect.stringMatching(/cannot be opened: sealed under another key/),
          });
        }
        expect(response.rawPayload.includes(wav.subarray(0, 32))).toBe(false);
        expect((await api.as('admin', { method: 'GET', url: `${base}/audit?action=recording.downloaded` })).json().entries).toEqual([]);
      } finally {
        await api.close();
      }
    }
  });
});
